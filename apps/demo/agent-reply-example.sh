#!/usr/bin/env bash
# The whole exchange with an agent, offline, against a demo running with its
# embedded emulator (`npm start` without ENGAGE_BASE_URL):
#   1. a customer's message goes to "Engage" (Send API, messages.create);
#   2. an agent answers in "Engage": the emulator delivers the reply to the
#      demo's POST /engage, loses the demo's first answer and delivers it again
#      with retry: true, as Engage does; the demo stores it once;
#   3. the reply is listed by the demo;
#   4. the customer reads it: status.mark_as_read with the demo's id of the reply.
#
#   bash apps/demo/agent-reply-example.sh [http://127.0.0.1:3000]
set -euo pipefail

BASE_URL="${1:-http://127.0.0.1:3000}"
BASE_URL="${BASE_URL%/}"
RUN="$(date +%s)-$$"

post() {
  echo "POST $1" >&2
  curl --silent --show-error --fail-with-body --request POST --header 'Content-Type: application/json' --data "${2:-{\}}" "$BASE_URL$1"
  echo >&2
}

post /messages "{\"id\": \"customer-$RUN\", \"thread_id\": \"thread-$RUN\", \"body\": \"My internet is down\", \"author\": {\"id\": \"customer-1\", \"screenname\": \"Jane Doe\"}}" >&2
echo >&2

delivery="$(post /emulator/agent-replies "{\"in_reply_to_id\": \"customer-$RUN\", \"thread_id\": \"thread-$RUN\", \"body\": \"Have you tried rebooting?\", \"lose_first_answer\": true}")"
echo "$delivery" >&2
reply_id="$(printf '%s' "$delivery" | sed -n 's/.*"answer":{"id":"\([^"]*\)".*/\1/p')"
if [[ -z "$reply_id" ]]; then
  echo "the agent's reply was not accepted" >&2
  exit 1
fi
echo >&2

echo "GET /agent-replies" >&2
curl --silent --show-error --fail-with-body "$BASE_URL/agent-replies" >&2
echo; echo >&2

post "/messages/$reply_id/read" >&2
echo >&2
echo "Exchange complete: customer-$RUN answered by $reply_id, marked as read"
