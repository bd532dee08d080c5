package com.outboundsms.worker.processing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Processes one valid request: answers a redelivery with its stored outcome, holds a
 * request that may not be sent yet or ends one that can no longer be sent in time, reuses
 * the pair's open outreach, or claims the pair and has the backend make the outreach,
 * checkpointing each step. Failures propagate as {@link OutreachFailure}s for the caller
 * to decide the message's fate.
 */
public class OutreachProcessor {

	private final OutreachStore store;

	private final OutreachBackend backend;

	private final ProcessingProperties properties;

	private final Clock clock;

	private final Sleeper sleeper;

	private final Campaigns campaigns;

	private final SendWindows windows;

	public OutreachProcessor(OutreachStore store, OutreachBackend backend, ProcessingProperties properties, Clock clock,
			Sleeper sleeper, Campaigns campaigns) {
		this(store, backend, properties, clock, sleeper, campaigns, SendWindows.none());
	}

	public OutreachProcessor(OutreachStore store, OutreachBackend backend, ProcessingProperties properties, Clock clock,
			Sleeper sleeper, Campaigns campaigns, SendWindows windows) {
		this.windows = windows;
		this.campaigns = campaigns;
		this.store = store;
		this.backend = backend;
		this.properties = properties;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	/**
	 * The backend's name, for events built outside the processor.
	 * @return the backend name
	 */
	public String backend() {
		return this.backend.name();
	}

	/**
	 * Processes the request.
	 * @param request a valid request
	 * @param attempts how many times the request has been processed, this time included
	 * @return the {@link Outcome#CREATED} or {@link Outcome#REUSED} event, or the
	 * {@link Outcome#CANCELLED} one for a request of a cancelled campaign not settled
	 * before, or the {@link Outcome#EXPIRED} one for a request not settled before that
	 * cannot be sent by its {@code notAfter}
	 * @throws OutreachFailure when the outreach could not be made, or, as a
	 * {@link PermanentFailure} carrying the outreach's SIDs, when it was made but the
	 * customer opted out (also for every later copy of the request)
	 * @throws RequestHeld when the request was not settled before and may not be sent yet
	 * (its lane's window is closed in the customer's time, or its {@code notBefore} has
	 * not come)
	 * @throws CampaignPaused when the request's campaign is paused and the request was
	 * not settled before
	 */
	public ResultEvent process(OutboundSmsRequest request, int attempts) {
		Optional<StoredOutcome> earlier = this.store.findOutcome(request.requestId());
		String campaignId = request.campaignId();
		// a request settled before keeps its answer, whatever became of its campaign and
		// whatever the time
		if (earlier.isEmpty()) {
			CampaignState state = (campaignId != null) ? this.campaigns.stateOf(campaignId) : CampaignState.RUNNING;
			if (state == CampaignState.CANCELLED) {
				return ResultEvent.cancelled(request, backend(), attempts, this.clock.instant());
			}
			Optional<ResultEvent> expired = expireOrHold(request, attempts);
			if (expired.isPresent()) {
				return expired.get();
			}
			if (state == CampaignState.PAUSED) {
				// held first: a paused campaign's request out of its window waits in the
				// store until the window opens, not round a delay queue all night
				throw new CampaignPaused(campaignId);
			}
		}
		StoredOutcome outcome = earlier.orElseGet(() -> processAfresh(request));
		if (!outcome.pair().equals(request.pair())) {
			// like an idempotency key reused with other parameters: answering with the
			// other pair's SIDs would be wrong, making a second outreach under the same
			// id too
			throw new PermanentFailure(ErrorCode.REQUEST_ID_CONFLICT,
					"request id " + request.requestId() + " was already used by a request for another number pair");
		}
		if (outcome.outcome() == Outcome.FAILED) {
			// answered from the store: what refused the first copy is never tried again
			throw PermanentFailure.after(Objects.requireNonNull(outcome.messageError()), outcome.sids());
		}
		return ResultEvent.of(request, outcome, attempts);
	}

	/**
	 * Ends a request that cannot be sent by its {@code notAfter}, or holds one that may
	 * not be sent yet, before any Twilio call or claim.
	 */
	private Optional<ResultEvent> expireOrHold(OutboundSmsRequest request, int attempts) {
		Instant now = this.clock.instant();
		Instant notBefore = request.notBefore();
		Instant from = (notBefore != null && notBefore.isAfter(now)) ? notBefore : now;
		// the listener runs the request in the lane it came in
		Instant sendAt = this.windows.opensAt(Lane.current(), request.toNumber(), from);
		Instant notAfter = request.notAfter();
		if (notAfter != null && sendAt.isAfter(notAfter)) {
			// never a late message; and one that cannot go in time ends now, not once its
			// time has passed
			return Optional.of(ResultEvent.expired(request, backend(), attempts, now));
		}
		if (sendAt.isAfter(now)) {
			throw new RequestHeld(sendAt, sendAt.equals(notBefore) ? HoldReason.SCHEDULED : HoldReason.WINDOW);
		}
		return Optional.empty();
	}

	private StoredOutcome processAfresh(OutboundSmsRequest request) {
		Instant giveUpAt = this.clock.instant().plus(this.properties.busyWaitLimit());
		while (true) {
			Claim claim = this.store.claim(request.pair(), request.requestId(), this.backend.name());
			if (claim instanceof Claim.Claimed claimed) {
				return create(request, claimed, Optional.empty());
			}
			if (claim instanceof Claim.Open open) {
				Optional<StoredOutcome> settled = reuseOrReplace(request, open);
				if (settled.isPresent()) {
					return settled.get();
				}
			}
			else if (claim instanceof Claim.Busy busy) {
				waitForOwner(busy, giveUpAt);
			}
		}
	}

	private Optional<StoredOutcome> reuseOrReplace(OutboundSmsRequest request, Claim.Open open) {
		// an outreach another backend made is not this backend's to answer for
		boolean ours = open.backend().equals(this.backend.name());
		// a task request on a notify outreach makes the agent's task on its conversation
		boolean escalates = request.mode() == OutreachMode.TASK && open.progress().mode() == OutreachMode.NOTIFY;
		if (ours && !escalates && isRecent(open) && stillOpen(request.pair(), open)) {
			return Optional.of(this.store.recordOutcome(request.requestId(), request.pair(), reuse(request, open)));
		}
		Map<Sid, String> start = (ours && escalates) ? this.backend.escalationStart(open.progress()) : Map.of();
		// an escalation Twilio refuses for good leaves the reminder as it was, open
		Optional<Claim.Open> putBack = (ours && escalates) ? Optional.of(open) : Optional.empty();
		return this.store.replace(request.pair(), open, request.requestId(), this.backend.name(), start)
			.map((claimed) -> create(request, claimed, putBack));
	}

	/**
	 * A request's answer from the pair's open outreach, by the two modes: a notify
	 * request posts its own message into an open notify conversation; it posts nothing
	 * where an agent is already talking to the customer, and says so; a task request
	 * reuses the outreach as it is (a task request for a notify outreach makes a new one
	 * instead, on the same conversation: see the backend). A message refused because the
	 * customer opted out fails the request, stored, so that no copy of it tries again.
	 */
	private StoredOutcome reuse(OutboundSmsRequest request, Claim.Open open) {
		Map<Sid, String> sids = open.progress().sids();
		ErrorDetail notPosted = null;
		if (request.mode() == OutreachMode.NOTIFY) {
			if (open.progress().mode() == OutreachMode.NOTIFY) {
				Sid messageKind = open.progress().messageKind();
				try {
					sids = new EnumMap<>(sids);
					// the request's own message in place of the one that opened the
					// outreach
					sids.put(messageKind, this.backend.postInto(request, open.progress()));
				}
				catch (PermanentFailure refused) {
					if (refused.code() != ErrorCode.RECIPIENT_OPTED_OUT) {
						throw refused;
					}
					// the open outreach's SIDs, without the message another request
					// posted
					sids.remove(messageKind);
					return new StoredOutcome(Outcome.FAILED, open.backend(), request.pair(), sids, this.clock.instant(),
							refused.detail(1));
				}
			}
			else {
				notPosted = ErrorDetail.of(ErrorCode.CUSTOMER_WITH_AGENT,
						"an agent is already talking to the customer in the pair's open outreach:"
								+ " the reminder was not posted");
			}
		}
		return new StoredOutcome(Outcome.REUSED, open.backend(), request.pair(), sids, this.clock.instant(), notPosted);
	}

	/**
	 * Whether the outreach is still open: one look at Twilio (a fetch, never a create),
	 * unless the operator chose to take Twilio's last word on trust for a while.
	 */
	private boolean stillOpen(NumberPair pair, Claim.Open open) {
		if (open.checkedAt().plus(this.properties.openCheckInterval()).isAfter(this.clock.instant())) {
			return true;
		}
		if (!this.backend.isOpen(open.progress())) {
			return false;
		}
		if (!this.properties.openCheckInterval().isZero()) {
			// remembered only where it spares later looks: at the default every request
			// looks again, and a reused pair costs no write for it
			this.store.confirmOpen(pair, open.fence());
		}
		return true;
	}

	private boolean isRecent(Claim.Open open) {
		return open.openedAt().plus(this.properties.dedupeWindow()).isAfter(this.clock.instant());
	}

	private void waitForOwner(Claim.Busy busy, Instant giveUpAt) {
		Instant now = this.clock.instant();
		Duration untilLeaseEnds = busy.remaining();
		if (!now.isBefore(giveUpAt)) {
			// the holder may have died: the next attempt comes once its lease ran out, so
			// that waiting on a dead worker does not use up the request's attempts
			throw TransientFailure.lasting(
					"another request for the pair held it for longer than " + this.properties.busyWaitLimit(),
					untilLeaseEnds);
		}
		Duration wait = untilLeaseEnds.isNegative() || untilLeaseEnds.isZero() ? Duration.ofMillis(1)
				: min(untilLeaseEnds, this.properties.busyPoll());
		this.sleeper.sleep(wait);
	}

	/**
	 * Has the backend make the claimed outreach; what fails for good frees the pair, or
	 * puts back the open outreach the claim replaced, which is still open at Twilio.
	 */
	private StoredOutcome create(OutboundSmsRequest request, Claim.Claimed claimed, Optional<Claim.Open> putBack) {
		NumberPair pair = request.pair();
		try {
			OutreachBackend.Creation creation = this.backend.create(request, claimed.progress(),
					(progress) -> this.store.checkpoint(pair, claimed.fence(), progress));
			StoredOutcome outcome = new StoredOutcome(reached(creation), this.backend.name(), pair,
					creation.progress().sids(), this.clock.instant(), notPosted(request, creation));
			return this.store.open(pair, claimed.fence(), creation.progress(), request.requestId(), outcome);
		}
		catch (PermanentFailure failure) {
			if (putBack.isPresent()) {
				this.store.reopen(pair, claimed.fence(), putBack.get());
			}
			else {
				this.store.abandon(pair, claimed.fence());
			}
			throw failure;
		}
		catch (RuntimeException failure) {
			release(pair, claimed.fence(), failure);
			throw failure;
		}
	}

	/**
	 * Why the request's message is not in the outreach, if it is not: Twilio refused it,
	 * or a notify request found the customer already in a conversation on the number that
	 * it did not make, where a reminder is not posted.
	 */
	private static @Nullable ErrorDetail notPosted(OutboundSmsRequest request, OutreachBackend.Creation creation) {
		if (creation.messageError() != null || request.mode() != OutreachMode.NOTIFY
				|| creation.outcome() != Outcome.REUSED) {
			return creation.messageError();
		}
		return ErrorDetail.of(ErrorCode.CUSTOMER_WITH_AGENT,
				"the customer is already in a conversation on the number that no outreach of this worker made:"
						+ " the reminder was not posted");
	}

	/**
	 * The request's outcome once its outreach is made: a first message refused because
	 * the customer opted out fails the request, while the outreach, which exists and is
	 * open at Twilio, stays the pair's.
	 */
	private static Outcome reached(OutreachBackend.Creation creation) {
		ErrorDetail refused = creation.messageError();
		return (refused != null && refused.code() == ErrorCode.RECIPIENT_OPTED_OUT) ? Outcome.FAILED
				: creation.outcome();
	}

	private void release(NumberPair pair, long fence, RuntimeException failure) {
		try {
			this.store.release(pair, fence);
		}
		catch (RuntimeException releaseFailure) {
			// the lease runs out by itself; the original
			// failure is what the caller must see
			failure.addSuppressed(releaseFailure);
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
