// noop: returns its input, so that only the handoff is measured. The client checks the reply is its own request.
let requests = 0;

function reduce(request) {
  requests++;
  return request;
}

function summary() {
  return JSON.stringify({ requests });
}
