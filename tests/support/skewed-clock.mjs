/* global process */
// Loaded with `node --import` into a process whose clock should run PIGEON_TEST_CLOCK_SKEW_MS
// ahead (or behind): Date.now() and `new Date()` move; the machine's clock, which the
// database reads, does not. A test of what a worker on a badly set machine does.
const skew = Number(process.env.PIGEON_TEST_CLOCK_SKEW_MS ?? 0);
const RealDate = Date;
class SkewedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + skew);
    else super(...args);
  }
  static now() {
    return RealDate.now() + skew;
  }
}
globalThis.Date = SkewedDate;
