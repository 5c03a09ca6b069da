// A test workload: echoes requests, but each context's 2,000th call never returns (an endless loop), so only
// --reducer-timeout gets the run going again, in a fresh context, which loops again at its own 2,000th call.
let requests = 0;

function reduce(request) {
  requests++;
  if (requests === 2000) {
    while (true) {
      // never returns
    }
  }
  return request;
}

function summary() {
  return JSON.stringify({ requests });
}
