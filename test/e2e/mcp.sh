# shellcheck shell=bash
# End-to-end: the read operations as AI-agent tools behind n8n's MCP Server Trigger. Sourced by run.sh;
# mcp_server_checks runs in run.sh's server-mode section (the n8n already started there: $BASE, $SRV, the
# owner's cookies in $SRV/cookies, $API_KEY on 2.x) and uses its ok/not_ok/jq_check, the simulators, the
# imported credentials and examples/backup-status-mcp-server.json (imported with the other examples).
# run.sh calls it before the credential tests: on n8n 1.x a credential test stores the data it tested
# (a wrong key, say) under the tested credential's id.
#
# An MCP client on the official TypeScript SDK (test/e2e/mcp-client.js) connects to the trigger's
# production URL over Streamable HTTP, lists the tools and their input schemas, calls every vendor's
# Get Latest or Get Many twice and some with bad input, as an agent would. No language model takes part.

MCP_WF=wfMcpStatus01
MCP_PATH=backup-status

# The tools of the example and the arguments an agent would give them. Each vendor's read is called
# twice (the second must reuse the first's session); bad input sits between good calls, so a good call
# after it proves the MCP workflow survived it.
mcp_calls() {
	jq -nc --arg group "$(bj_sim cohesity protectionGroupId)" --arg policy "$(bj_sim huawei policyId)" '[
		{name: "vCenter_Backup_Jobs", arguments: {limit: 3}},
		{name: "Cohesity_Protection_Groups", arguments: {nameContains: "cassandra"}},
		{name: "Cohesity_Latest_Run", arguments: {protectionGroupId: $group}},
		{name: "Commvault_Jobs", arguments: {limit: 5, lookupHours: 8760}},
		{name: "Veeam_Enterprise_Manager_Sessions", arguments: {limit: 5, jobName: ""}},
		{name: "Huawei_Backup_Policies", arguments: {}},
		{name: "Huawei_Latest_Task", arguments: {policyId: $policy}},
		{name: "Veeam_B_R_Sessions", arguments: {limit: 5, jobName: ""}},
		{name: "Cohesity_Latest_Run", arguments: {protectionGroupId: "no-such-group"}},
		{name: "vCenter_Backup_Jobs", arguments: {limit: -4}},
		{name: "Huawei_Latest_Task", arguments: {policyId: "00000000-0000-4000-8000-000000000000"}},
		{name: "vCenter_Backup_Jobs", arguments: {limit: 2}},
		{name: "Cohesity_Latest_Run", arguments: {protectionGroupId: $group}},
		{name: "Commvault_Jobs", arguments: {limit: 2, lookupHours: 8760}},
		{name: "Veeam_Enterprise_Manager_Sessions", arguments: {limit: 2, jobName: "Fileserver Backup"}},
		{name: "Huawei_Latest_Task", arguments: {policyId: $policy}},
		{name: "Veeam_B_R_Sessions", arguments: {limit: 2, jobName: "Fileserver Backup"}}
	]'
}

# The normalized job-status item, as every status tool must return it.
MCP_ITEM='(.jobId | type == "string" and length > 0) and (.state | IN("queued", "running", "succeeded", "warning", "failed", "cancelled", "unknown"))
	and (.isFinished | type == "boolean") and (.jobType | IN("backup", "restore", "other")) and has("jobName") and has("startedAt")
	and has("endedAt") and has("message") and has("isSuccess")'

mcp_server_checks() {
	local dir=$SRV/mcp key=${API_KEY:-} out
	mkdir -p "$dir"
	# 1.x: run.sh made no API key in this section; the owner's cookie makes one, kept in API_KEY for
	# triggers.sh (a second key of the same label would be refused)
	if [ -z "$key" ]; then
		key=$(bj_n8n_api_key "$BASE" "$SRV/cookies" 2>> "$dir/key.err") || key=
		API_KEY=$key
	fi
	if [ -n "$key" ] && curl -sf --max-time 60 -H "X-N8N-API-KEY: $key" -X POST "$BASE/api/v1/workflows/$MCP_WF/activate" > "$dir/activate.json"; then
		ok "mcp: the example \"Backup status MCP server\" activates (MCP Server Trigger with eight tools of six vendors)"
	else
		not_ok "mcp: the example \"Backup status MCP server\" activates" "$(cat "$dir/key.err" "$dir/activate.json" 2> /dev/null | cut -c1-300; tail -n 5 "$SRV/n8n.log")"
		return 0
	fi
	# Every session the simulators know is dropped: each vendor that signs in must do so exactly once
	# across all the calls below (the stored session of earlier runs is refused once, then renewed).
	reset_all_sims
	local v
	for v in $(jq -r 'keys[]' <<< "$BJ_SIM_JSON"); do bj_sim_post "$v" /__sim/expire-sessions; done
	mcp_calls > "$dir/calls.json"
	out=$dir/client.json
	if node "$BJ_REPO/test/e2e/mcp-client.js" "$BASE/mcp/$MCP_PATH" "$dir/calls.json" > "$out" 2> "$dir/client.err"; then
		ok "mcp: an MCP client (official TypeScript SDK, Streamable HTTP) connects to $BASE/mcp/$MCP_PATH and lists the tools"
	else
		not_ok "mcp: an MCP client connects to the production URL and lists the tools" "$(tail -n 5 "$dir/client.err"; tail -n 5 "$SRV/n8n.log")"
		return 0
	fi

	jq_check "mcp: tools/list names the eight tools" "$out" \
		'[.tools[].name] | sort == ["Cohesity_Latest_Run", "Cohesity_Protection_Groups", "Commvault_Jobs", "Huawei_Backup_Policies",
			"Huawei_Latest_Task", "Veeam_B_R_Sessions", "Veeam_Enterprise_Manager_Sessions", "vCenter_Backup_Jobs"]'
	jq_check "mcp: each input schema holds only what the agent fills, typed and described (limit, time window, job name, group or policy ID)" "$out" \
		'(.tools | map({(.name): (.inputSchema.properties | map_values(.type))}) | add) == {
			vCenter_Backup_Jobs: {limit: "number"}, Cohesity_Protection_Groups: {nameContains: "string"},
			Cohesity_Latest_Run: {protectionGroupId: "string"}, Commvault_Jobs: {limit: "number", lookupHours: "number"},
			Veeam_Enterprise_Manager_Sessions: {limit: "number", jobName: "string"}, Huawei_Backup_Policies: {},
			Huawei_Latest_Task: {policyId: "string"}, Veeam_B_R_Sessions: {limit: "number", jobName: "string"}}
		and all(.tools[]; all(.inputSchema.properties[]; .description | length > 10))
		and ([.tools[] | select(.name | test("Latest|Jobs|Sessions")) | .inputSchema.required // []] | add | sort) == ["policyId", "protectionGroupId"]'
	jq_check "mcp: the status tools say what they return (the job-status fields an agent branches on)" "$out" \
		'all(.tools[] | select(.name | test("Latest|Jobs|Sessions")); .description | test("jobName") and test("state") and test("isSuccess") and test("failed"))'

	# .results[N] is the Nth call of mcp_calls
	jq_check "mcp: vCenter Get Many: three normalized vCenter backup jobs, newest first" "$out" \
		".results[0] | .isError == false and (.items | length == 3 and all(.[]; .vendor == \"vcenter\" and $MCP_ITEM))
			and (.items | map(.startedAt) == (map(.startedAt) | sort | reverse))"
	jq_check "mcp: Cohesity protection groups: the group whose name contains \"cassandra\", with its ID" "$out" \
		'.results[1] | .isError == false and (.items | length >= 1 and all(.[]; .name | test("cassandra")) and all(.[]; .protectionGroupId | length > 0))'
	jq_check "mcp: Cohesity Get Latest: one run of that group, normalized" "$out" \
		".results[2] | .isError == false and (.items | length == 1 and (.[0] | .vendor == \"cohesity\" and .jobName == \"cassandra_UInew\" and $MCP_ITEM))"
	jq_check "mcp: Commvault Get Many: up to five normalized Commvault jobs" "$out" \
		".results[3] | .isError == false and (.items | length >= 1 and length <= 5 and all(.[]; .vendor == \"commvault\" and $MCP_ITEM))"
	jq_check "mcp: Veeam EM Get Many: up to five normalized backup job sessions" "$out" \
		".results[4] | .isError == false and (.items | length >= 1 and length <= 5 and all(.[]; .vendor == \"veeam\" and $MCP_ITEM))"
	jq_check "mcp: Huawei backup policies: listed with their IDs" "$out" \
		'.results[5] | .isError == false and (.items | length >= 1 and any(.[]; .policyId == $p))' --arg p "$(bj_sim huawei policyId)"
	jq_check "mcp: Huawei Get Latest: the policy's newest task, normalized" "$out" \
		".results[6] | .isError == false and (.items | length == 1 and (.[0] | .vendor == \"huaweiCloud\" and $MCP_ITEM))"
	jq_check "mcp: Veeam B&R Get Many: up to five normalized sessions" "$out" \
		".results[7] | .isError == false and (.items | length >= 1 and length <= 5 and all(.[]; .vendor == \"veeamBackupReplication\" and $MCP_ITEM))"
	jq_check "mcp: a malformed protection group ID comes back as a tool error with the node's message, not a crash" "$out" \
		'.results[8] | .isError == true and (.text | test("Protection Group") and test("not in the expected format"))'
	jq_check "mcp: a Limit of -4 comes back as a tool error naming the Limit" "$out" \
		'.results[9] | .isError == true and (.text | test("Limit") and test("at least 1"))'
	jq_check "mcp: an unknown Huawei policy is a tool error that says so, never an empty list" "$out" \
		'.results[10] | .isError == true and (.text | test("polic"; "i")) and (.items | type != "array")'
	jq_check "mcp: after the errors every tool still answers (the MCP workflow did not crash)" "$out" \
		".results[11:] | length == 6 and all(.[]; .isError == false and (.items | type == \"array\" and length >= 1))
			and (.[0].items | length == 2) and all(.[3].items[], .[5].items[]; .jobName | startswith(\"Fileserver Backup\"))"
	jq_check "mcp: no call failed at the protocol level" "$out" '[.results[] | select(has("rpcError"))] == []'

	# One sign-in per vendor that signs in, across all 17 calls (the tools share the node's sign-in).
	local signins
	signins=$(for v in vcenter commvault veeam veeamBr; do printf '%s=%s ' "$v" "$(bj_sim_signins "$v" || echo '?')"; done)
	if [ "$signins" = "vcenter=1 commvault=1 veeam=1 veeamBr=1 " ]; then
		ok "mcp: one sign-in per vendor across the calls ($signins; Cohesity and Huawei sign each request with a key)"
	else
		not_ok "mcp: one sign-in per vendor across the calls" "$signins"
	fi
	local leaked=
	for secret in "${SECRETS[@]}"; do
		if grep -qF -- "$secret" "$out"; then leaked="$leaked ${secret:0:3}…"; fi
	done
	for sid in "${SESSION_IDS[@]}"; do
		if grep -qF -- "$sid" "$out"; then leaked="$leaked session:${sid:0:3}…"; fi
	done
	if [ "${#SECRETS[@]}" -gt 0 ] && [ -z "$leaked" ]; then
		ok "mcp: no password, API key, secret key or session token in any tool result or error"
	else
		not_ok "mcp: no password, API key, secret key or session token in any tool result or error" "found:$leaked"
	fi
	curl -sf --max-time 60 -H "X-N8N-API-KEY: $key" -X POST "$BASE/api/v1/workflows/$MCP_WF/deactivate" > /dev/null || true
}
