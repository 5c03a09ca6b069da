// A test workload with a known, small capacity: every request waits for the next millisecond tick of Date.now(),
// so the worker serves at most about 1,000 to 2,000 requests a second however fast the machine is.
let requests = 0;

function reduce(request) {
  requests++;
  const until = Date.now() + 1;
  while (Date.now() < until) {
    // wait out the tick
  }
  return request;
}

function summary() {
  return JSON.stringify({ requests });
}
