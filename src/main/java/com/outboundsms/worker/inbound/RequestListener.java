package com.outboundsms.worker.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.outboundsms.worker.deadletter.DeadLetter;
import com.outboundsms.worker.deadletter.DeadLetterPublisher;
import com.outboundsms.worker.processing.CampaignPaused;
import com.outboundsms.worker.processing.Campaigns;
import com.outboundsms.worker.processing.Dependency;
import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.Lane;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachFailure;
import com.outboundsms.worker.processing.OutreachProcessor;
import com.outboundsms.worker.processing.PermanentFailure;
import com.outboundsms.worker.processing.RequestHeld;
import com.outboundsms.worker.processing.ResultEvent;
import com.outboundsms.worker.processing.ResultPublisher;
import com.outboundsms.worker.processing.Sid;
import com.outboundsms.worker.processing.SystemicFailure;
import com.outboundsms.worker.processing.TransientFailure;
import com.outboundsms.worker.processing.WorkerMetrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;

/**
 * Consumes requests from both lanes' queues (the bulk lane's from its fair-share queues,
 * in turn), each lane with consumers of its own, and works on each in the lane of the
 * queue it came from, so that Twilio's budget can serve the interactive lane first and
 * retries go back to that lane. Each message is read by the intake, processed by the
 * core, and settled by the type of its outcome: a result event for successes; for
 * transient failures a copy that waits on the broker for the next attempt; for permanent
 * failures (and transient ones out of attempts) a dead-lettered copy with reason headers,
 * then a failed result event; a request that may not be sent yet is held in the store
 * until it may. The message is acknowledged only after the broker confirmed those
 * publishes (the container acknowledges when this method returns, and rejects with
 * requeue when it throws). Each delivery is logged in the context of its request, and
 * settled with exactly one outcome line.
 */
class RequestListener {

	private static final Logger logger = LoggerFactory.getLogger(RequestListener.class);

	private final InboundProperties lanes;

	private final RequestReader reader;

	private final OutreachProcessor processor;

	private final ResultPublisher results;

	private final DeadLetterPublisher deadLetters;

	private final RetryRepublisher retries;

	private final ConsumptionGate gate;

	private final WorkerMetrics metrics;

	private final Clock clock;

	private final Campaigns campaigns;

	private final RequestHolds holds;

	private final OutcomeLog outcomes = new OutcomeLog();

	RequestListener(InboundProperties lanes, RequestReader reader, OutreachProcessor processor, ResultPublisher results,
			DeadLetterPublisher deadLetters, RetryRepublisher retries, ConsumptionGate gate, WorkerMetrics metrics,
			Clock clock, Campaigns campaigns, RequestHolds holds) {
		this.holds = holds;
		this.campaigns = campaigns;
		this.lanes = lanes;
		this.reader = reader;
		this.processor = processor;
		this.results = results;
		this.deadLetters = deadLetters;
		this.retries = retries;
		this.gate = gate;
		this.metrics = metrics;
		this.clock = clock;
	}

	@RabbitListener(id = ConsumptionGate.LISTENER_ID, queues = "${outbound-sms.inbound.queue:outbound-sms.requests}")
	@RabbitListener(id = ConsumptionGate.BULK_LISTENER_ID, queues = "#{@fairShares.queues()}")
	void on(Message message) {
		Lane lane = this.lanes.laneOf(message.getMessageProperties().getConsumerQueue());
		lane.run(() -> {
			settle(message, lane);
			return null;
		});
	}

	private void settle(Message message, Lane lane) {
		Attempt attempt = Attempt.of(message.getMessageProperties(), this.clock.instant());
		attempt.age(message.getMessageProperties().getTimestamp())
			.ifPresent((age) -> this.metrics.consumed(lane, age, attempt.number() > 1));
		try (DeliveryContext context = DeliveryContext.open(attempt, message.getMessageProperties())) {
			Intake intake = read(message);
			context.identify(intake.requestId(), intake.pair());
			if (intake instanceof Intake.Rejected rejected) {
				ErrorDetail error = ErrorDetail.of(ErrorCode.INVALID_REQUEST, rejected.message());
				fail(message, lane, new RequestIdentity(rejected.requestId(), rejected.pair(), rejected.metadata(),
						rejected.campaignId()), attempt, error);
				return;
			}
			process(message, lane, ((Intake.Accepted) intake).request(), attempt);
		}
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
					List.of(new FieldError("body", "could not be read (" + ex.getClass().getSimpleName() + ")")), null,
					null, null);
		}
	}

	private void process(Message message, Lane lane, OutboundSmsRequest request, Attempt attempt) {
		RequestIdentity known = new RequestIdentity(request.requestId(), request.pair(), request.metadata(),
				request.campaignId());
		Optional<Dependency> paused = this.gate.pausedFor();
		if (paused.isPresent()) {
			// taken while the pause stops the listener: no call to what fails
			holdDuringPause(message, lane, request.requestId(), paused.get(), attempt);
			return;
		}
		ResultEvent event;
		try {
			CampaignTotals.register(message.getMessageProperties(), request, this.campaigns);
			event = this.processor.process(request, attempt.number());
		}
		catch (RequestHeld held) {
			hold(message, lane, request.requestId(), held, attempt);
			return;
		}
		catch (CampaignPaused campaignPaused) {
			holdWhileCampaignPaused(message, lane, request.requestId(), campaignPaused, attempt);
			return;
		}
		catch (PermanentFailure failure) {
			fail(message, lane, known, attempt, failure.detail(attempt.number()), failure.made());
			return;
		}
		catch (SystemicFailure failure) {
			Optional<PermanentFailure> forbidden = this.gate.pauseFor(failure);
			if (forbidden.isPresent()) {
				fail(message, lane, known, attempt, forbidden.get().detail(attempt.number()));
			}
			else {
				holdDuringPause(message, lane, request.requestId(), failure.dependency(), attempt);
			}
			return;
		}
		catch (OutreachFailure failure) {
			Duration atLeast = (failure instanceof TransientFailure transientFailure)
					? transientFailure.retryNoSoonerThan() : Duration.ZERO;
			retryOrFail(message, lane, known, attempt, failure.detail(attempt.number()), failure.getMessage(), atLeast);
			return;
		}
		catch (RuntimeException unexpected) {
			logger.error("Unexpected failure while processing request " + request.requestId(), unexpected);
			String cause = "unexpected " + unexpected.getClass().getSimpleName();
			retryOrFail(message, lane, known, attempt, ErrorDetail.retriesExhausted(attempt.number(), cause), cause,
					Duration.ZERO);
			return;
		}
		publishSettled(message, lane, event, attempt);
	}

	/**
	 * Publishes the event of a request whose outcome is stored. If that fails the request
	 * is never dead-lettered, whatever its attempts: a failed event would contradict the
	 * store, so the request waits on the broker and its next attempt, answered from the
	 * store, publishes the same event again.
	 */
	private void publishSettled(Message message, Lane lane, ResultEvent event, Attempt attempt) {
		try {
			this.results.publish(event);
		}
		catch (RuntimeException notPublished) {
			String cause = "the result event was not published: " + notPublished.getMessage();
			Duration delay = this.retries.republishForRetry(message, lane, attempt, cause, Duration.ZERO);
			this.metrics.retryScheduled("result-publish");
			this.outcomes.retryScheduled(event.requestId(), attempt, ErrorDetail.of(ErrorCode.RETRIES_EXHAUSTED, cause),
					cause, delay, took(attempt));
			return;
		}
		Duration took = took(attempt);
		this.metrics.settled(lane, event.outcome(), null, took);
		this.outcomes.settled(event, took);
	}

	private void retryOrFail(Message message, Lane lane, RequestIdentity known, Attempt attempt, ErrorDetail exhausted,
			String cause, Duration atLeast) {
		if (this.retries.exhausted(attempt)) {
			fail(message, lane, known, attempt, exhausted);
			return;
		}
		Duration delay = this.retries.republishForRetry(message, lane, attempt, cause, atLeast);
		this.metrics
			.retryScheduled((exhausted.twilioStatus() != null) ? "twilio-" + exhausted.twilioStatus() : "other");
		this.outcomes.retryScheduled(known.requestId(), attempt, exhausted, cause, delay, took(attempt));
	}

	private void fail(Message message, Lane lane, RequestIdentity known, Attempt attempt, ErrorDetail error) {
		fail(message, lane, known, attempt, error, Map.of());
	}

	/**
	 * Dead-letters the request and publishes its failed result event, which names what
	 * the request made before it failed, if anything stays.
	 */
	private void fail(Message message, Lane lane, RequestIdentity known, Attempt attempt, ErrorDetail error,
			Map<Sid, String> made) {
		Instant now = this.clock.instant();
		this.deadLetters.send(message, new DeadLetter(known.requestId(), known.campaignId(), lane, error,
				attempt.number(), attempt.firstAt(), attempt.at()));
		this.results.publish(
				ResultEvent
					.failed(known.requestId(), this.processor.backend(), known.pair(), known.metadata(),
							known.campaignId(), error, attempt.number(), now)
					.withSids(made));
		Duration took = Duration.between(attempt.at(), now);
		this.metrics.settled(lane, Outcome.FAILED, error.code(), took);
		this.outcomes.deadLettered(known.requestId(), error, took);
	}

	/**
	 * Sends the request back, untouched (this request is not at fault), through its
	 * lane's shortest delay queue; straight back to its queue if the broker takes no
	 * copy.
	 */
	private void holdDuringPause(Message message, Lane lane, String requestId, Dependency dependency, Attempt attempt) {
		try {
			this.retries.republishDuringPause(message, lane);
		}
		catch (RuntimeException ex) {
			throw new ImmediateRequeueAmqpException("consumption paused: " + dependency, ex);
		}
		this.outcomes.requeued(requestId, dependency, took(attempt));
	}

	/**
	 * Stores a request that may not be sent yet, to be published again when it may; the
	 * delivery is acknowledged once it is stored. If the store does not take it, the
	 * request goes back untouched, as during a pause, and is looked at again shortly.
	 */
	private void hold(Message message, Lane lane, String requestId, RequestHeld held, Attempt attempt) {
		try {
			this.holds.hold(message, lane, requestId, held.until(), held.reason());
		}
		catch (SystemicFailure unreachable) {
			this.gate.pauseFor(unreachable);
			holdDuringPause(message, lane, requestId, unreachable.dependency(), attempt);
			return;
		}
		catch (RuntimeException notStored) {
			logger.warn("Request {} could not be held in the store: {}", requestId, notStored.toString());
			holdDuringPause(message, lane, requestId, Dependency.STORE, attempt);
			return;
		}
		this.outcomes.heldUntil(requestId, held.until(), held.reason(), took(attempt));
	}

	/**
	 * Sends a request of a paused campaign back, untouched and its attempts unspent,
	 * through a delay queue; straight back to its queue if the broker takes no copy.
	 */
	private void holdWhileCampaignPaused(Message message, Lane lane, String requestId, CampaignPaused paused,
			Attempt attempt) {
		Duration delay;
		try {
			delay = this.retries.republishWhileCampaignPaused(message, lane);
		}
		catch (RuntimeException ex) {
			throw new ImmediateRequeueAmqpException(paused.getMessage(), ex);
		}
		this.metrics.campaignRequestHeld();
		this.outcomes.heldForCampaign(requestId, paused.campaignId(), delay, took(attempt));
	}

	private Duration took(Attempt attempt) {
		return Duration.between(attempt.at(), this.clock.instant());
	}

	/**
	 * What is known of a request when it fails.
	 */
	private record RequestIdentity(String requestId, @Nullable NumberPair pair,
			@Nullable Map<String, @Nullable Object> metadata, @Nullable String campaignId) {
	}

}
