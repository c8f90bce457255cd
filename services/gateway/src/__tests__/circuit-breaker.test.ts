import { CircuitBreaker } from '../circuit-breaker.js';

/** A breaker on a clock the test moves by hand. */
function breaker(failures = 3, resetMs = 1000) {
  const clock = { now: 0 };
  return { clock, breaker: new CircuitBreaker({ failures, resetMs }, () => clock.now) };
}

describe('CircuitBreaker', () => {
  test('stays closed below the failure threshold, and a success resets the count', () => {
    const { breaker: b } = breaker(3);
    b.failed();
    b.failed();
    b.succeeded();
    b.failed();
    b.failed();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  test('opens after consecutive failures and refuses calls at once while open', () => {
    const { clock, breaker: b } = breaker(3, 1000);
    for (let i = 0; i < 3; i++) b.failed();
    expect(b.state).toBe('open');
    clock.now = 999;
    expect(b.tryAcquire()).toBe(false);
  });

  test('after the reset delay lets exactly one probe through; its success closes the circuit', () => {
    const { clock, breaker: b } = breaker(1, 1000);
    b.failed();
    clock.now = 1000;
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false);
    b.succeeded();
    expect(b.state).toBe('closed');
    expect(b.tryAcquire()).toBe(true);
  });

  test('a failed probe opens the circuit for another reset delay', () => {
    const { clock, breaker: b } = breaker(3, 1000);
    for (let i = 0; i < 3; i++) b.failed();
    clock.now = 1500;
    expect(b.tryAcquire()).toBe(true);
    b.failed();
    expect(b.state).toBe('open');
    clock.now = 2499;
    expect(b.tryAcquire()).toBe(false);
    clock.now = 2500;
    expect(b.tryAcquire()).toBe(true);
  });
});
