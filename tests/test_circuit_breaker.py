"""The circuit breaker alone, on a clock the test moves (no sleeping): closed until N
failures in a row, open for the cool-down, then one trial call (half-open)."""

from __future__ import annotations

from dataclasses import dataclass

from core.understanding.breaker import CircuitBreaker


@dataclass
class FakeClock:
    now: float = 1000.0

    def __call__(self) -> float:
        return self.now


def state(breaker: CircuitBreaker) -> str:
    return breaker.state  # read afresh each time (mypy would narrow the property)


def test_a_half_open_breaker_lets_one_trial_through_and_a_failed_trial_reopens_it() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(failures=2, cooldown=10, clock=clock)
    breaker.failed()
    assert state(breaker) == "closed" and breaker.allow()
    breaker.succeeded()  # a success in between: the count starts again
    breaker.failed()
    assert state(breaker) == "closed"
    breaker.failed()
    assert state(breaker) == "open" and not breaker.allow()
    clock.now += 10
    assert breaker.allow()  # the trial
    assert state(breaker) == "half_open" and not breaker.allow()  # only one at a time
    breaker.failed()  # the trial failed: a full cool-down again
    assert state(breaker) == "open"
    clock.now += 9.9
    assert not breaker.allow()
    clock.now += 0.1
    assert breaker.allow()
    breaker.abandoned()  # a cancelled trial is neither: another may be made
    assert breaker.allow()
    breaker.succeeded()
    assert state(breaker) == "closed" and breaker.allow() and breaker.allow()
