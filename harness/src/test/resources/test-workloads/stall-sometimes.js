// A test workload: echoes every request, but stalls 200 ms on each client's every 100th request (seq % 100 == 50),
// so clients with a shorter --request-timeout give up on some requests and their replies come late.
let requests = 0;

function reduce(request) {
  requests++;
  const r = JSON.parse(request);
  if (r.seq % 100 === 50) {
    const until = Date.now() + 200;
    while (Date.now() < until) {
      // the stall
    }
  }
  return request;
}

function summary() {
  return JSON.stringify({ requests });
}
