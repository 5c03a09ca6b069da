// A test workload: echoes every request, but stalls the worker for 300 ms on client 0's request number 1500 (about
// 0.5 s into the measurement at 1,000 requests a second after a 1 s warm-up): a stall of known length.
let requests = 0;

function reduce(request) {
  requests++;
  const r = JSON.parse(request);
  if (r.client === 0 && r.seq === 1500) {
    const until = Date.now() + 300;
    while (Date.now() < until) {
      // the stall
    }
  }
  return request;
}

function summary() {
  return JSON.stringify({ requests });
}
