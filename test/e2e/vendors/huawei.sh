# shellcheck shell=bash
# Huawei Cloud VBS in a real n8n, sourced by run.sh after section 6 (execute mode), with its helpers (ok,
# not_ok, jq_check, run_workflow, bj_*). The example workflow already ran in section 6; here: its item,
# the credential's IAM Password method, the gateway's throttling answer, and n8n's HTTP Request node
# signing a call with this credential. e2e_server_huawei runs the credential tests in server mode.

HW_BASE=$(bj_sim huawei baseUrl)
HW_POLICY=$(bj_sim huawei policyId)
HW_DIR=$WORK/vendors/huawei
mkdir -p "$HW_DIR/wf"
hw_signatures() { curl -sf -X POST -H 'content-type: application/json' --data '{}' "$HW_BASE/__sim/signatures"; }
hw_task_calls() { curl -sf "$HW_BASE/__sim/requests" | jq -c '[.[] | select(.path | endswith("/backuptasks")) | {query, status}]'; }

# the example of section 6: the newest task of plan01, followed WAITING → RUNNING → EXECUTE_SUCCESS
bj_node_items "$WORK/runs/huawei-wait-for-latest-task.json" "Backup Succeeded" > "$HW_DIR/example.json"
jq_check "huawei example: the latest task of plan01, EXECUTE_SUCCESS, times in UTC" "$HW_DIR/example.json" \
	'length == 1 and (.[0] | .vendor == "huaweiCloud" and .jobId == "3b1c7a52-0d0e-4a5a-9c51-2f0b2b7f1a10"
		and .vendorState == "EXECUTE_SUCCESS" and .jobName == "autobk_7c21" and (.startedAt | test("^[0-9]{4}-.*\\.[0-9]{3}Z$")))'

# a credential of the other method, and the workflows of this section
jq -n --arg base "$HW_BASE" --argjson sim "$(jq -c .huawei <<< "$BJ_SIM_JSON")" '[{id: "huaweiPwd01", name: "Huawei simulator (IAM password)",
	type: "huaweiCloudApi", data: {authMethod: "password", username: $sim.username, password: $sim.password,
	domainName: $sim.domainName, region: $sim.region, vbsEndpoint: $base, iamEndpoint: $base, ignoreSslIssues: false}}]' > "$HW_DIR/creds.json"
hw_workflow() { # ID NODE_TYPE PARAMETERS_JSON CREDENTIAL_ID FILE
	jq -n --arg id "$1" --arg type "$2" --argjson p "$3" --arg cred "$4" '{
		id: $id, name: ("Huawei e2e " + $id), active: false,
		nodes: [
			{id: "0e2e0b00-0000-4000-8000-000000000001", name: "Start", type: "n8n-nodes-base.manualTrigger", typeVersion: 1, position: [0, 0], parameters: {}},
			{id: "0e2e0b00-0000-4000-8000-000000000002", name: "Call", type: $type, typeVersion: (if $type == "n8n-nodes-base.httpRequest" then 4.2 else 1 end),
			 position: [240, 0], parameters: $p, credentials: {huaweiCloudApi: {id: $cred, name: "Huawei"}}}],
		connections: {Start: {main: [[{node: "Call", type: "main", index: 0}]]}},
		settings: {executionOrder: "v1"}}' > "$5"
}
hw_workflow wfHuaweiHttp01 n8n-nodes-base.httpRequest "$(jq -nc --arg url "$HW_BASE/v2/{project_id}/backuppolicy/$HW_POLICY/backuptasks" '{
	method: "GET", url: $url, authentication: "predefinedCredentialType", nodeCredentialType: "huaweiCloudApi",
	sendQuery: true, queryParameters: {parameters: [{name: "status", value: "SKIP"}, {name: "limit", value: "5"}]}, options: {}}')" \
	huaweiSim01 "$HW_DIR/wf/http.json"
hw_workflow wfHuaweiPwd01 n8n-nodes-backup-jobs.huaweiCloudBackup '{"resource": "backupJob", "operation": "get",
	"vbsJobId": "4010b39b5281d3590152874bfa3b1604", "waitForCompletion": true, "pollInterval": 1, "waitTimeout": 60, "simplify": true, "options": {}}' \
	huaweiPwd01 "$HW_DIR/wf/password.json"
hw_workflow wfHuaweiLatest02 n8n-nodes-backup-jobs.huaweiCloudBackup "$(jq -nc --arg p "$HW_POLICY" '{resource: "backupPolicyTask",
	operation: "getLatest", policyId: {__rl: true, mode: "id", value: $p}, simplify: true, options: {}}')" huaweiSim01 "$HW_DIR/wf/latest.json"
if bj_import_creds "$HW_DIR/creds.json" "$HW_DIR/import-creds" && bj_import_workflows "$HW_DIR/wf" "$HW_DIR/import-wf"; then
	ok "huawei: an IAM-password credential and the section's workflows import"
else
	not_ok "huawei: an IAM-password credential and the section's workflows import" "$(tail -n 5 "$HW_DIR/import-creds.err" "$HW_DIR/import-wf.err")"
fi

# n8n's HTTP Request node, Predefined Credential Type: a signed call with a query, no hand-made signature
bj_sim_post huawei /__sim/reset
run_workflow wfHuaweiHttp01 huawei-http
bj_node_items "$WORK/runs/huawei-http.json" Call > "$HW_DIR/http.json"
jq_check "huawei HTTP Request node: the signed call answers the SKIP task of plan01 (count 1)" "$HW_DIR/http.json" \
	'length == 1 and .[0].count == 1 and .[0].tasks[0].status == "SKIP"'
SIGS=$(hw_signatures)
if jq -e '.refused == [] and .projectLookups <= 1' <<< "$SIGS" > /dev/null 2>&1 &&
	jq -e '.[0].query == "limit=5&status=SKIP" and .[0].status == 200' <<< "$(hw_task_calls)" > /dev/null 2>&1; then
	ok "huawei HTTP Request node: the simulator verified the SDK-HMAC-SHA256 signature over the query as sent"
else
	not_ok "huawei HTTP Request node: the simulator verified the SDK-HMAC-SHA256 signature over the query as sent" "$SIGS $(hw_task_calls)"
fi

# IAM Password: one token, sent as X-Auth-Token; the VBS job waited for INIT → RUNNING → FAIL
bj_sim_post huawei /__sim/reset
run_workflow wfHuaweiPwd01 huawei-password
bj_node_items "$WORK/runs/huawei-password.json" Call > "$HW_DIR/password.json"
jq_check "huawei IAM password: Backup Job Get waits until FAIL, fail_reason and error_code as the message" "$HW_DIR/password.json" \
	'length == 1 and .[0].state == "failed" and .[0].vendorState == "FAIL" and .[0].message == "The backup status is error. (VolumeBackup.0064)"'
HW_SIGNINS=$(bj_sim_signins huawei)
if [ "$HW_SIGNINS" = 1 ]; then ok "huawei IAM password: one sign-in for the whole wait"; else not_ok "huawei IAM password: one sign-in for the whole wait" "sign-ins: $HW_SIGNINS"; fi

# the gateway throttles once (APIGW.0308): retried with backoff like a 429
bj_sim_post huawei /__sim/reset
bj_sim_post huawei /__sim/gateway '{"code":"APIGW.0308"}'
run_workflow wfHuaweiLatest02 huawei-throttled
CALLS=$(hw_task_calls)
if jq -e 'length == 2 and .[0].status == 429 and .[1].status == 200' <<< "$CALLS" > /dev/null 2>&1; then
	ok "huawei throttled (APIGW.0308): Get Latest recovers on its second attempt"
else
	not_ok "huawei throttled (APIGW.0308): Get Latest recovers on its second attempt" "$CALLS"
fi
bj_sim_post huawei /__sim/reset

# --- server mode (run.sh section 8): the credential dialog's Test, for both methods ----------------------
e2e_server_huawei() {
	local cred wrong_sk=Wrong-Huawei-SK-e2e-5c1d9e0f7a wrong_pw=Wrong-Huawei-Pass-e2e-42
	cred=$(jq -c '.[] | select(.id == "huaweiSim01")' "$WORK/creds.json")
	bj_sim_post huawei /__sim/reset
	cred_check "credential test huaweiSim01 (AK/SK, no Project ID typed)" huawei "$cred" 1 OK
	# 2.x tests the stored credential, whose project the executions before looked up and n8n remembered
	# (no lookup now); 1.x tests the data as sent, so it looks the project up once
	SIGS=$(hw_signatures)
	TESTED=$(curl -sf "$HW_BASE/__sim/requests" | jq -c '[.[] | select(.path != "/v3/projects") | {path, status, auth: (.headers.authorization // "" | .[0:15])}]')
	if jq -e --arg line "$N8N_LINE" '.refused == [] and .projectLookups == (if $line == "2" then 0 else 1 end)' <<< "$SIGS" > /dev/null 2>&1 &&
		jq -e --arg p "/v2/$(bj_sim huawei projectId)/backuppolicy" '. == [{path: $p, status: 200, auth: "SDK-HMAC-SHA256"}]' <<< "$TESTED" > /dev/null 2>&1; then
		ok "credential test Huawei AK/SK: one signed GET of the backup policies, verified, with the project remembered (2.x) or looked up once (1.x)"
	else
		not_ok "credential test Huawei AK/SK: one signed GET of the backup policies, verified, with the project remembered (2.x) or looked up once (1.x)" "$SIGS $TESTED"
	fi
	cred_check "credential test Huawei IAM password" huawei-password "$(jq -c '.[0]' "$HW_DIR/creds.json")" 0 OK
	cred_check "credential test Huawei AK/SK, wrong secret key" huawei-wrong-sk \
		"$(jq -c --arg k "$wrong_sk" --arg p "$(bj_sim huawei projectId)" '.data.secretAccessKey = $k | .data.projectId = $p' <<< "$cred")" 0 Error "$wrong_sk"
	cred_check "credential test Huawei IAM password, wrong password" huawei-wrong-password \
		"$(jq -c --arg p "$wrong_pw" '.[0] | .data.password = $p' "$HW_DIR/creds.json")" 0 Error "$wrong_pw"
}
