// transfer-audited: transfer, plus the bookkeeping a database reducer does around it, so that one call costs about
// what a call of SpacetimeDB's TypeScript keynote module did (several microseconds, not transfer's one): every
// transfer is written as a row (a record serialized to JSON), appended to a bounded audit log, indexed by account,
// and chained into a running hash over the log (HASH_ROUNDS passes, the knob that sets the cost).
// Request and replies as in transfer.js; HANDOFF_BENCH.initialBalance (--initial-balance) is every account's
// balance when the script loads.

const ACCOUNTS = 100000;
const INITIAL_BALANCE = HANDOFF_BENCH.initialBalance;
const AUDIT_ROWS = 4096;
const HASH_ROUNDS = 4;

const balances = new Map();
for (let id = 0; id < ACCOUNTS; id++) {
  balances.set(id, INITIAL_BALANCE);
}
const audit = new Array(AUDIT_ROWS);
const lastTransferOf = new Map();
let chain = 0x811c9dc5;
let requests = 0;
let transfers = 0;
let insufficient = 0;

function fnv1a(hash, text) {
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

function reduce(request) {
  requests++;
  const { client, seq, from, to, amount } = JSON.parse(request);
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
    balances.set(from, fromBalance - amount);
    balances.set(to, toBalance + amount);
  }
  const id = transfers++;
  const row = JSON.stringify({ id, client, seq, from, to, amount, fromBalance: fromBalance - amount,
    toBalance: toBalance + amount, previous: chain });
  audit[id % AUDIT_ROWS] = row;
  lastTransferOf.set(from, id);
  lastTransferOf.set(to, id);
  let hash = chain;
  for (let round = 0; round < HASH_ROUNDS; round++) {
    hash = fnv1a(hash, row);
  }
  chain = hash;
  return "ok";
}

// As in transfer.js: the script's own counts, and the total balance.
function summary() {
  let total = 0;
  for (const balance of balances.values()) {
    total += balance;
  }
  return JSON.stringify({
    requests, transfers, insufficient,
    totalBalance: total,
    totalBalanceExpected: ACCOUNTS * INITIAL_BALANCE,
    auditChain: chain,
  });
}

// As in transfer.js: every account's final balance by id, for the end-state check.
function state() {
  const all = new Array(ACCOUNTS);
  for (let id = 0; id < ACCOUNTS; id++) {
    all[id] = balances.get(id);
  }
  return JSON.stringify(all);
}
