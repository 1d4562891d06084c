'use strict';

// The real clock moved by a fixed offset, for a local execution in real time whose functions and simulated world
// live at another instant (a scenario's "now"): once installed, Date (new Date(), Date.now()) answers the real time
// plus `offsetMs`, so that $$.Execution.StartTime, a Wait's Timestamp and every time the engine writes read the
// world's clock. Timers and Math.random stay real: a Wait of 5 s still takes 5 real seconds.

const { dateReading } = require('./virtual-time');

/** Installs the shifted clock; returns { uninstall() }. */
function install({ offsetMs }) {
  if (!Number.isSafeInteger(offsetMs)) {
    throw new Error(`a shifted clock needs an offset in whole milliseconds, got ${offsetMs}`);
  }
  const RealDate = Date;
  globalThis.Date = dateReading(RealDate, () => RealDate.now() + offsetMs);
  return {
    uninstall() {
      globalThis.Date = RealDate;
    },
  };
}

module.exports = { install };
