// throw-every-100.js: every 100th call throws an ordinary JS error (as an order book rejects an order); the rest
// answer "ok". A thrown error is an error reply, counted, and the worker, or the ceiling, goes on.
let requests = 0;

function reduce(request) {
  requests++;
  if (requests % 100 === 0) {
    throw new Error("rejected order");
  }
  return "ok";
}

function summary() {
  return JSON.stringify({ requests });
}
