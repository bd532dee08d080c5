package com.outboundsms.worker.enqueue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.outboundsms.worker.enqueue.ConfirmedPublisher.FailedRow;
import com.outboundsms.worker.enqueue.Sender.Delivery;
import com.outboundsms.worker.pacing.Pacer;
import com.outboundsms.worker.pacing.VirtualTicker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher holds the rate cap (measured on a virtual clock), keeps at most a window
 * of messages awaiting confirms, publishes again what the broker refused, returned or did
 * not confirm, and gives up on a message after the last attempt.
 */
class ConfirmedPublisherTests {

	private static final long SECOND = 1_000_000_000L;

	private final VirtualTicker ticker = new VirtualTicker();

	private final ScriptedSender sender = new ScriptedSender(this.ticker);

	@Test
	void publishesNoMoreThanTheRateInAnySecond() throws InterruptedException {
		ConfirmedPublisher publisher = publisher(10, 5);

		for (int i = 0; i < 95; i++) {
			publisher.publish(request(i));
		}
		publisher.finish();

		List<Long> sentAt = this.sender.sentAt();
		assertThat(sentAt).hasSize(95);
		for (int i = 10; i < sentAt.size(); i++) {
			// the 11th publish after any one comes a full second or more later
			assertThat(sentAt.get(i) - sentAt.get(i - 10)).isGreaterThanOrEqualTo(SECOND);
		}
		assertThat(sentAt.get(94) - sentAt.get(0)).isEqualTo(94 * SECOND / 10);
		assertThat(this.ticker.sleeps()).hasSize(94).containsOnly(SECOND / 10);
		assertThat(publisher.confirmed()).isEqualTo(95);
	}

	@Test
	void pacesRepeatedPublishesToo() throws InterruptedException {
		this.sender.answer("r0", Delivery.failed("the broker refused it: nack"));
		ConfirmedPublisher publisher = publisher(4, 1);

		publisher.publish(request(0));
		publisher.publish(request(1));
		publisher.finish();

		assertThat(this.sender.sentIds()).containsExactly("r0", "r0", "r1");
		assertThat(this.ticker.sleeps()).containsExactly(SECOND / 4, SECOND / 4);
	}

	@Test
	void keepsAtMostTheWindowAwaitingConfirms() throws InterruptedException {
		ConfirmedPublisher publisher = publisher(1000, 7);

		for (int i = 0; i < 50; i++) {
			publisher.publish(request(i));
		}
		publisher.finish();

		assertThat(this.sender.mostAwaiting()).isEqualTo(7);
		assertThat(publisher.confirmed()).isEqualTo(50);
		assertThat(publisher.unsettled()).isZero();
	}

	@Test
	void publishesAgainWhatWasRefusedReturnedOrNotConfirmed() throws InterruptedException {
		this.sender.answer("r1", Delivery.failed("the broker refused it: nack"))
			.answer("r2", Delivery.failed("the broker could not route it: 312 NO_ROUTE"),
					Delivery.failed(ScriptedSender.NEVER));
		ConfirmedPublisher publisher = publisher(1000, 2);

		for (int i = 0; i < 4; i++) {
			publisher.publish(request(i));
		}
		publisher.finish();

		assertThat(publisher.published()).isEqualTo(4);
		assertThat(publisher.confirmed()).isEqualTo(4);
		assertThat(publisher.retries()).isEqualTo(3);
		assertThat(publisher.failed()).isEmpty();
		assertThat(this.sender.sentIds()).filteredOn("r2"::equals).hasSize(3);
	}

	@Test
	void reportsAMessageStillRefusedAfterTheLastAttempt() throws InterruptedException {
		Delivery noRoute = Delivery.failed("the broker could not route it: 312 NO_ROUTE");
		this.sender.answer("r1", noRoute, noRoute, noRoute);
		ConfirmedPublisher publisher = publisher(1000, 10);

		publisher.publish(request(0));
		publisher.publish(request(1));
		publisher.publish(request(2));
		publisher.finish();

		assertThat(publisher.confirmed()).isEqualTo(2);
		assertThat(publisher.failed()).containsExactly(new FailedRow(3, "r1", noRoute.failure(), 3));
		assertThat(publisher.failed().get(0))
			.hasToString("line 3 (r1): the broker could not route it: 312 NO_ROUTE, after 3 attempts");
		assertThat(this.sender.sentIds()).filteredOn("r1"::equals).hasSize(3);
	}

	private ConfirmedPublisher publisher(int rate, int window) {
		return new ConfirmedPublisher(this.sender, new Pacer(rate, this.ticker), window, 3, Duration.ofSeconds(5),
				new Progress(new PrintStream(OutputStream.nullOutputStream()), this.ticker, false, 100));
	}

	private static FileRequest request(int i) {
		return new FileRequest(i + 2, "r" + i, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
	}

}
