package com.outboundsms.worker.inbound;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import com.outboundsms.worker.deadletter.DeadLetter;
import com.outboundsms.worker.deadletter.DeadLetterPublisher;
import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.OutreachFailure;
import com.outboundsms.worker.processing.OutreachProcessor;
import com.outboundsms.worker.processing.ResultEvent;
import com.outboundsms.worker.processing.ResultPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;

/**
 * Consumes requests. Each message is read by the intake, processed by the core (retrying
 * transient failures with backoff), and settled by the type of its outcome: a result
 * event for successes; a dead-lettered copy with reason headers and then a failed result
 * event for failures. The message is acknowledged only after the broker confirmed those
 * publishes (the container acknowledges when this method returns, and rejects with
 * requeue when it throws).
 */
class RequestListener {

	private static final Logger logger = LoggerFactory.getLogger(RequestListener.class);

	private final RequestReader reader;

	private final OutreachProcessor processor;

	private final ResultPublisher results;

	private final DeadLetterPublisher deadLetters;

	private final RetryTemplate retry;

	private final Clock clock;

	RequestListener(RequestReader reader, OutreachProcessor processor, ResultPublisher results,
			DeadLetterPublisher deadLetters, RetryTemplate retry, Clock clock) {
		this.reader = reader;
		this.processor = processor;
		this.results = results;
		this.deadLetters = deadLetters;
		this.retry = retry;
		this.clock = clock;
	}

	@RabbitListener(id = "outbound-sms-requests", queues = "${outbound-sms.inbound.queue:outbound-sms.requests}")
	void on(Message message) {
		Instant receivedAt = this.clock.instant();
		Intake intake = read(message);
		if (intake instanceof Intake.Rejected rejected) {
			ErrorDetail error = ErrorDetail.of(ErrorCode.INVALID_REQUEST, rejected.message());
			fail(message, new Attempt(rejected.requestId(), rejected.pair(), rejected.metadata(), 1, receivedAt),
					error);
			return;
		}
		process(message, ((Intake.Accepted) intake).request(), receivedAt);
	}

	/**
	 * The intake's verdict; a message the intake itself chokes on is still settled as
	 * invalid, so that it reaches the dead-letter queue with a reason instead of looping.
	 */
	private Intake read(Message message) {
		try {
			return this.reader.read(message.getBody(), message.getMessageProperties().getMessageId(),
					message.getMessageProperties().getContentType());
		}
		catch (RuntimeException ex) {
			logger.error("The intake could not read a message", ex);
			return new Intake.Rejected(
					this.reader.fallbackId(message.getBody(), message.getMessageProperties().getMessageId()),
					List.of(new FieldError("body", "could not be read (" + ex.getClass().getSimpleName() + ")")),
					Optional.empty(), Optional.empty());
		}
	}

	private void process(Message message, OutboundSmsRequest request, Instant receivedAt) {
		AtomicInteger attempts = new AtomicInteger();
		try {
			ResultEvent event = this.retry.execute(() -> this.processor.process(request, attempts.incrementAndGet()));
			this.results.publish(event);
			logger.info("Request {} for {}: {} {}", request.requestId(), request.pair().masked(), event.outcome(),
					event.sids().values());
		}
		catch (RetryException ex) {
			Attempt attempt = new Attempt(request.requestId(), Optional.of(request.pair()), request.metadata(),
					attempts.get(), receivedAt);
			fail(message, attempt, detail(ex.getCause(), attempts.get()));
		}
	}

	private static ErrorDetail detail(Throwable failure, int attempts) {
		if (failure instanceof OutreachFailure outreachFailure) {
			return outreachFailure.detail(attempts);
		}
		logger.error("Unexpected failure while processing a request", failure);
		return ErrorDetail.of(ErrorCode.RETRIES_EXHAUSTED, "gave up after " + attempts
				+ " attempt(s); last cause: unexpected " + failure.getClass().getSimpleName());
	}

	private void fail(Message message, Attempt attempt, ErrorDetail error) {
		Instant now = this.clock.instant();
		this.deadLetters.send(message,
				new DeadLetter(attempt.requestId(), error, attempt.attempts(), attempt.receivedAt(), now));
		this.results.publish(ResultEvent.failed(attempt.requestId(), this.processor.backend(), attempt.pair(),
				attempt.metadata(), error, attempt.attempts(), now));
		logger.warn("Request {} dead-lettered: {} {}", attempt.requestId(), error.code(), error.message());
	}

	/**
	 * What is known of a request when it fails.
	 */
	private record Attempt(String requestId, Optional<NumberPair> pair, Optional<Map<String, Object>> metadata,
			int attempts, Instant receivedAt) {
	}

}
