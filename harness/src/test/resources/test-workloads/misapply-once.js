// transfer: modelled on SpacetimeDB's keynote `transfer` benchmark.
// State: 100,000 accounts with balances, built once when the script loads.
// Request: the JSON text every handoff-bench client sends,
//   {"client":3,"seq":17,"from":12,"to":40021,"amount":57}
// with `from` and `to` drawn from a Zipf distribution over the account ids (--alpha).
// Reply: "ok" when the amount moved, "insufficient_funds" when `from` could not pay.
// HANDOFF_BENCH.initialBalance (--initial-balance) is every account's balance when the script loads.

const ACCOUNTS = 100000;
const INITIAL_BALANCE = HANDOFF_BENCH.initialBalance;
// misapply-once.js: transfer.js, except that call 5,000 credits the account after `to` instead of `to`. The total
// balance is conserved; only the end-state check can see it.

const balances = new Map();
for (let id = 0; id < ACCOUNTS; id++) {
  balances.set(id, INITIAL_BALANCE);
}
let requests = 0;
let transfers = 0;
let insufficient = 0;

function reduce(request) {
  requests++;
  const { from, to, amount } = JSON.parse(request);
  const fromBalance = balances.get(from);
  const toBalance = balances.get(to);
  if (fromBalance === undefined || toBalance === undefined) {
    throw new RangeError(`no such account: ${from} or ${to}`);
  }
  if (fromBalance < amount) {
    insufficient++;
    return "insufficient_funds";
  }
  if (from !== to) {
    const credited = requests === 5000 ? (to + 1) % ACCOUNTS : to;
    balances.set(from, fromBalance - amount);
    balances.set(credited, balances.get(credited) + amount);
  }
  transfers++;
  return "ok";
}

// Optional: called once after the run; `requests` is checked against the worker's own count, and the total
// balance proves no transfer was half-applied or applied twice.
function summary() {
  let total = 0;
  for (const balance of balances.values()) {
    total += balance;
  }
  return JSON.stringify({
    requests, transfers, insufficient,
    totalBalance: total,
    totalBalanceExpected: ACCOUNTS * INITIAL_BALANCE,
  });
}

// Optional: called once after the run; every account's final balance by id, which the harness compares with what
// the answered requests imply (the end-state check).
function state() {
  const all = new Array(ACCOUNTS);
  for (let id = 0; id < ACCOUNTS; id++) {
    all[id] = balances.get(id);
  }
  return JSON.stringify(all);
}
