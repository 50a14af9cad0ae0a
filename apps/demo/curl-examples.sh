#!/usr/bin/env bash
# Calls every route of a running demo once, in a sensible order, and prints
# each answer. Exits non-zero if any route did not answer 2xx. Every route
# takes a JSON object with Content-Type: application/json ({} when the path
# names all there is to send): the demo refuses anything else.
#
#   npm start                                   # in another terminal
#   bash apps/demo/curl-examples.sh             # default http://127.0.0.1:3000
#   bash apps/demo/curl-examples.sh http://127.0.0.1:4000
#
# Ids get a per-run suffix, so running it again (even against a real Engage)
# creates new content instead of re-sending ids Engage has already seen.
set -uo pipefail

BASE_URL="${1:-http://127.0.0.1:3000}"
BASE_URL="${BASE_URL%/}"
RUN="$(date +%s)-$$"
NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
AUTHOR="{\"id\": \"user-$RUN\", \"screenname\": \"Jane Doe\", \"created_at\": \"$NOW\", \"updated_at\": \"$NOW\"}"
failures=0

# call METHOD PATH [JSON]: prints the exchange, counts anything but 2xx as a failure.
call() {
  local method="$1" path="$2" body="${3:-}" out status
  out="$(mktemp)"
  local args=(--silent --show-error --output "$out" --write-out '%{http_code}' --request "$method")
  if [[ -n "$body" ]]; then args+=(--header 'Content-Type: application/json' --data "$body"); fi
  status="$(curl "${args[@]}" "$BASE_URL$path")" || status="000"
  echo "$method $path -> $status"
  cat "$out"; echo; echo
  rm -f "$out"
  if [[ ! "$status" =~ ^2[0-9][0-9]$ ]]; then failures=$((failures + 1)); fi
}

call POST /users "$AUTHOR"

call POST /threads "{
  \"id\": \"thread-$RUN\", \"title\": \"Internet is down\", \"body\": \"Since this morning.\",
  \"author\": $AUTHOR
}"

call POST /messages "{
  \"id\": \"message-$RUN\", \"thread_id\": \"thread-$RUN\", \"body\": \"Is anyone there?\", \"format\": \"text\",
  \"author\": $AUTHOR
}"

call POST /private-messages "{
  \"id\": \"private-$RUN\", \"body\": \"My account number is 1234.\",
  \"author\": $AUTHOR,
  \"recipient\": {\"id\": \"agent-1\", \"screenname\": \"Support\"}
}"

# An agent's message, on the integration's side, that the end user has now read.
call POST "/messages/agent-message-$RUN/read" "{}"

call POST "/threads/thread-$RUN/typing" "{\"preview\": \"I am typ\", \"in_reply_to_id\": \"message-$RUN\"}"

# Stopping also resets Engage's 2-second typing window for the thread.
call DELETE "/threads/thread-$RUN/typing" "{}"

if (( failures > 0 )); then
  echo "$failures route(s) failed against $BASE_URL" >&2
  exit 1
fi
echo "All 7 routes answered 2xx against $BASE_URL"
echo "What was sent and received: $BASE_URL/ (the inspector); the routes: $BASE_URL/docs"
