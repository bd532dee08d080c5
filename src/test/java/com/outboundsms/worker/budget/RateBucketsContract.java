package com.outboundsms.worker.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the buckets of every store must do, for two instances sharing them: start full,
 * keep the floor, and hand out no more than a second's burst plus the rate, however many
 * threads of however many instances take at once.
 */
abstract class RateBucketsContract {

	private final ExecutorService threads = Executors.newFixedThreadPool(6);

	/**
	 * One worker instance's view of the shared buckets: each call may be another
	 * instance, all on the same state.
	 * @return the buckets
	 */
	protected abstract RateBuckets instance();

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	@Test
	void aNewBucketStartsWithOneSecondOfItsRate() {
		// a rate of one in a hundred seconds: the one token is all there is
		assertThat(takeAll(instance(), "fresh", 0.01, 0)).isOne();
		RateBuckets other = instance();
		assertThat(takeAll(other, "fresh-ten", 10, 0)).isBetween(10, 11);
	}

	@Test
	void bulkStopsAtTheInteractiveReserveWhichTheInteractiveLaneStillFinds() {
		// 2 of a second's 10 tokens are the interactive lane's
		RateBuckets bulk = instance();
		RateBuckets interactive = instance();
		int bulkTaken = 0;
		RateBuckets.Take take;
		while ((take = bulk.take("reserve", 10, 2)).taken()) {
			bulkTaken++;
		}

		assertThat(bulkTaken).isBetween(8, 9);
		assertThat(take.heldForFloor()).isTrue();
		assertThat(take.left()).isGreaterThanOrEqualTo(2).isLessThan(3);
		assertThat(interactive.take("reserve", 10, 0).taken()).isTrue();
		assertThat(interactive.take("reserve", 10, 0).taken()).isTrue();
	}

	@Test
	void twoInstancesHammeringOneBucketTakeNoMoreThanTheBurstAndTheRate() throws Exception {
		double rate = 40;
		RateBuckets first = instance();
		RateBuckets second = instance();
		long started = System.nanoTime();
		long end = started + TimeUnit.MILLISECONDS.toNanos(1500);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<Integer>> takers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			RateBuckets buckets = (i % 2 == 0) ? first : second;
			Callable<Integer> taker = () -> {
				go.await();
				int taken = 0;
				while (System.nanoTime() < end) {
					if (buckets.take("hammered", rate, 0).taken()) {
						taken++;
					}
				}
				return taken;
			};
			takers.add(this.threads.submit(taker));
		}
		go.countDown();
		int taken = 0;
		for (Future<Integer> taker : takers) {
			taken += taker.get(30, TimeUnit.SECONDS);
		}
		double elapsed = (System.nanoTime() - started) / 1e9;

		// the database's time between the first and the last take lies within the JVM's
		// time around them
		assertThat(taken).isLessThanOrEqualTo((int) Math.floor(RateBuckets.capacity(rate, 0) + rate * elapsed));
		// and the rate is not left unused: the takers never stop asking
		assertThat(taken).isGreaterThanOrEqualTo((int) (rate * 1.5 * 0.8));
	}

	private static int takeAll(RateBuckets buckets, String bucket, double rate, double floor) {
		int taken = 0;
		while (buckets.take(bucket, rate, floor).taken()) {
			taken++;
		}
		return taken;
	}

}
