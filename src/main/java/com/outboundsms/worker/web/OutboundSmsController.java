package com.outboundsms.worker.web;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.outboundsms.worker.inbound.FieldError;
import com.outboundsms.worker.inbound.Intake;
import com.outboundsms.worker.inbound.RequestReader;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.Outcome;
import com.outboundsms.worker.processing.OutreachStore;
import com.outboundsms.worker.processing.RequestIds;
import com.outboundsms.worker.processing.StoredOutcome;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * {@code POST /v1/outbound-sms}: checks the body with the listener's intake, queues it
 * and answers {@code 202}, or with {@code ?wait=} the result event once it arrives;
 * {@code GET /v1/outbound-sms/{requestId}}: what is known of a request. A wait holds no
 * servlet thread: the answer is completed by the result subscription. Callers are
 * authenticated, and bodies read, before a handler runs
 * ({@link AuthenticationInterceptor}, {@link BodyReadingInterceptor}).
 */
@ConditionalOnProperty(prefix = "outbound-sms.http", name = "enabled", havingValue = "true", matchIfMissing = true)
@RestController
class OutboundSmsController {

	static final String PATH = "/v1/outbound-sms";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String FLEX_TOKEN = "X-Flex-Token";

	private final RequestReader reader;

	private final RequestPublisher publisher;

	private final ResultWaiters waiters;

	private final OutreachStore store;

	private final RequestLedger ledger;

	private final ResultAnswers results;

	private final HttpApiProperties properties;

	private final Clock clock;

	OutboundSmsController(RequestReader reader, RequestPublisher publisher, ResultWaiters waiters, OutreachStore store,
			RequestLedger ledger, ResultAnswers results, HttpApiProperties properties, Clock clock) {
		this.reader = reader;
		this.publisher = publisher;
		this.waiters = waiters;
		this.store = store;
		this.ledger = ledger;
		this.results = results;
		this.properties = properties;
		this.clock = clock;
	}

	@PostMapping(PATH)
	DeferredResult<ResponseEntity<Object>> submit(HttpServletRequest http,
			@RequestAttribute(CallerBody.ATTRIBUTE) CallerBody body,
			@RequestParam(name = "wait", required = false) @Nullable String wait,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String key) {
		List<FieldError> errors = new ArrayList<>();
		Duration waitFor = waitFor(wait, errors);
		boolean keyValid = key == null || RequestIds.isValid(key);
		if (!keyValid) {
			errors.add(new FieldError(IDEMPOTENCY_KEY, RequestIds.RULE));
		}
		String messageId = (key != null && keyValid) ? key : UUID.randomUUID().toString();
		Intake intake = this.reader.read(body.raw(), messageId, http.getContentType());
		if (intake instanceof Intake.Rejected rejected) {
			errors.addAll(rejected.errors());
		}
		else if (key != null && keyValid && !key.equals(intake.requestId())) {
			errors.add(new FieldError("requestId", "differs from the Idempotency-Key header"));
		}
		if (!errors.isEmpty()) {
			return now(ResponseBodies.invalid(errors));
		}
		return submit(((Intake.Accepted) intake).request(), body, waitFor);
	}

	@GetMapping(PATH + "/{requestId}")
	ResponseEntity<Object> status(@PathVariable String requestId) {
		Optional<StoredOutcome> outcome = this.store.findOutcome(requestId);
		if (outcome.isPresent()) {
			StoredOutcome stored = outcome.get();
			return ResponseBodies.ok((stored.outcome() == Outcome.FAILED) ? ResponseBodies.failed(requestId, stored)
					: this.results.completed(requestId, stored));
		}
		return this.ledger.find(requestId)
			.map((entry) -> ResponseBodies.ok((entry.failure() != null) ? ResponseBodies.failed(entry, entry.failure())
					: ResponseBodies.pending(entry.requestId(), entry.acceptedAt())))
			.orElseGet(() -> ResponseBodies.notFound(requestId));
	}

	private DeferredResult<ResponseEntity<Object>> submit(OutboundSmsRequest request, CallerBody body,
			@Nullable Duration waitFor) {
		String requestId = request.requestId();
		// a request already done is answered from the store, and not queued again
		Optional<StoredOutcome> done = this.store.findOutcome(requestId);
		if (done.isPresent()) {
			// the other pair's SIDs would be a wrong answer, and a second outreach under
			// the same id would be a second answer
			return now(done.get().pair().equals(request.pair())
					? ResponseBodies.ok(this.results.event(request, done.get())) : ResponseBodies.conflict(requestId));
		}
		if (!this.ledger.accepted(requestId, request.pair(), this.clock.instant())) {
			return now(ResponseBodies.conflict(requestId));
		}
		if (waitFor == null) {
			this.publisher.publish(requestId, body.queued());
			return now(ResponseBodies.accepted(requestId));
		}
		// registered before publishing, so that even an immediate result finds it
		CompletableFuture<Map<String, Object>> waiter = this.waiters.register(requestId);
		DeferredResult<ResponseEntity<Object>> answer = new DeferredResult<>(waitFor.toMillis(),
				() -> ResponseBodies.accepted(requestId));
		answer.onCompletion(() -> this.waiters.remove(requestId, waiter));
		try {
			this.publisher.publish(requestId, body.queued());
		}
		catch (RuntimeException ex) {
			this.waiters.remove(requestId, waiter);
			throw ex;
		}
		waiter.thenAccept((event) -> answer.setResult(ResponseBodies.ok(this.results.received(event))));
		return answer;
	}

	/**
	 * The wait asked for, or {@code null} to answer at once (also when the parameter is
	 * not a wait, which is then one of the errors).
	 */
	private @Nullable Duration waitFor(@Nullable String wait, List<FieldError> errors) {
		try {
			return WaitTime.parse(wait, this.properties.maxWait()).orElse(null);
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldError("wait", ex.getMessage()));
			return null;
		}
	}

	private static DeferredResult<ResponseEntity<Object>> now(ResponseEntity<Object> answer) {
		DeferredResult<ResponseEntity<Object>> result = new DeferredResult<>();
		result.setResult(answer);
		return result;
	}

}
