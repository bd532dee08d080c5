package com.outboundsms.worker.twilio;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import com.outboundsms.worker.processing.Lane;

/**
 * Waits for a slot within the limit on calls in flight, the interactive lane first: a
 * freed slot goes to a waiting interactive call, and no bulk call starts while one waits.
 * Netflix's {@code BlockingLimiter} wakes its waiters in no order, hence this one.
 */
final class PriorityPermits {

	private final SimpleLimiter<Void> limiter;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition interactiveTurn = this.lock.newCondition();

	private final Condition bulkTurn = this.lock.newCondition();

	private int interactiveWaiting;

	/**
	 * Slots taken by interactive calls so far, to tell a bulk call that waited for them.
	 */
	private long interactiveServed;

	PriorityPermits(SimpleLimiter<Void> limiter) {
		this.limiter = limiter;
	}

	/**
	 * Takes a slot, waiting up to the timeout.
	 * @param lane the lane of the call
	 * @param timeout how long it may wait
	 * @param heldBack told once when a bulk call stood aside for an interactive one, or
	 * waited while interactive calls were served
	 * @return the slot's listener, to report the call's end to; empty when none came
	 * @throws NoCallPermitException if interrupted while waiting
	 */
	Optional<Limiter.Listener> acquire(Lane lane, Duration timeout, Runnable heldBack) {
		boolean interactive = lane != Lane.BULK;
		long remaining = timeout.toNanos();
		boolean told = false;
		boolean waited = false;
		long servedBefore = -1;
		this.lock.lock();
		try {
			if (interactive) {
				this.interactiveWaiting++;
			}
			try {
				while (true) {
					// an interactive waiter counts itself, so a bulk call that barges in
					// after a slot freed finds it counted and leaves the slot alone
					boolean behindInteractive = !interactive && this.interactiveWaiting > 0;
					if (!behindInteractive) {
						Optional<Limiter.Listener> slot = this.limiter.acquire(null);
						if (slot.isPresent()) {
							if (interactive) {
								this.interactiveServed++;
							}
							else if (!told && servedBefore >= 0 && this.interactiveServed > servedBefore) {
								heldBack.run();
							}
							return Optional.of(new Released(slot.get()));
						}
					}
					else if (!told) {
						told = true;
						heldBack.run();
					}
					if (servedBefore < 0) {
						servedBefore = this.interactiveServed;
					}
					if (remaining <= 0) {
						if (!interactive && !told && this.interactiveServed > servedBefore) {
							heldBack.run();
						}
						return Optional.empty();
					}
					waited = true;
					remaining = (interactive ? this.interactiveTurn : this.bulkTurn).awaitNanos(remaining);
				}
			}
			finally {
				if (interactive && --this.interactiveWaiting == 0 && waited) {
					// a slot may be left, or the limit may have grown, while bulk calls
					// stood aside
					this.bulkTurn.signalAll();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new NoCallPermitException("interrupted while waiting for a Twilio call slot");
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The calls waiting for a slot in the interactive lane now. */
	int interactiveWaiting() {
		this.lock.lock();
		try {
			return this.interactiveWaiting;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void released() {
		this.lock.lock();
		try {
			if (this.interactiveWaiting > 0) {
				this.interactiveTurn.signal();
			}
			else {
				this.bulkTurn.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A slot that hands itself on when the call ends, however it ends. */
	private final class Released implements Limiter.Listener {

		private final Limiter.Listener slot;

		private Released(Limiter.Listener slot) {
			this.slot = slot;
		}

		@Override
		public void onSuccess() {
			this.slot.onSuccess();
			released();
		}

		@Override
		public void onIgnore() {
			this.slot.onIgnore();
			released();
		}

		@Override
		public void onDropped() {
			this.slot.onDropped();
			released();
		}

	}

}
