package com.outboundsms.worker.processing;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class OutreachProcessorTests {

	private static final NumberPair PAIR = new NumberPair("+15005550006", "+14155552671");

	// no trust interval: every request for an open pair asks the backend, unless a test
	// says otherwise
	private static final ProcessingProperties PROPERTIES = new ProcessingProperties(Duration.ofHours(24), Duration.ZERO,
			Duration.ofMillis(100), Duration.ofMinutes(2));

	private static final ErrorDetail OPTED_OUT = new ErrorDetail(ErrorCode.RECIPIENT_OPTED_OUT,
			"posting the first message: Twilio answered 400 with code 21610 (Attempt to send to unsubscribed recipient)",
			21610, 400);

	private final MutableClock clock = MutableClock.at("2026-11-23T10:15:30.123Z");

	private final InMemoryOutreachStore store = new InMemoryOutreachStore(this.clock);

	private final RecordingBackend backend = new RecordingBackend();

	private final ClockAdvancingSleeper sleeper = new ClockAdvancingSleeper(this.clock);

	private final StatedCampaigns campaigns = new StatedCampaigns();

	private final OutreachProcessor processor = new OutreachProcessor(this.store, this.backend, PROPERTIES, this.clock,
			this.sleeper, this.campaigns);

	@Test
	void createsTheOutreachForTheFirstRequestOfAPair() {
		OutboundSmsRequest request = request("crm-ticket-4711");

		ResultEvent event = this.processor.process(request, 1);

		assertThat(this.backend.creates())
			.containsExactly(new RecordingBackend.CreateCall("crm-ticket-4711", OutreachProgress.none()));
		assertThat(event.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(event.requestId()).isEqualTo("crm-ticket-4711");
		assertThat(event.backend()).isEqualTo(RecordingBackend.NAME);
		assertThat(event.pair()).isEqualTo(PAIR);
		assertThat(event.sids()).isEqualTo(RecordingBackend.madeUpTo(1, Sid.CHAT_MESSAGE).sids());
		assertThat(event.metadata()).isEqualTo(Map.of("ticketId", "4711"));
		assertThat(event.attempts()).isEqualTo(1);
		assertThat(event.completedAt()).isEqualTo(this.clock.instant());
		assertThat(event.error()).isNull();
		assertThat(this.store.row(PAIR)).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(InMemoryOutreachStore.State.OPEN);
			assertThat(row.progress().sids()).isEqualTo(event.sids());
		});
	}

	@Test
	void checkpointsEveryStepTheBackendMakes() {
		OutboundSmsRequest request = request("crm-ticket-4711");

		this.processor.process(request, 1);

		assertThat(this.backend.checkpoints()).hasSize(6)
			.last()
			.isEqualTo(RecordingBackend.madeUpTo(1, Sid.CHAT_MESSAGE));
	}

	@Test
	void answersARedeliveredRequestWithItsStoredOutcome() {
		OutboundSmsRequest request = request("crm-ticket-4711");
		ResultEvent first = this.processor.process(request, 1);
		this.clock.advance(Duration.ofMinutes(5));

		ResultEvent again = this.processor.process(request, 2);

		assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(again.sids()).isEqualTo(first.sids());
		assertThat(again.completedAt()).isEqualTo(first.completedAt());
		assertThat(again.attempts()).isEqualTo(2);
		assertThat(this.backend.creates()).hasSize(1);
		assertThat(this.backend.openChecks()).isEmpty();
	}

	@Test
	void reusesTheOpenOutreachOfThePairWithinTheDedupeWindow() {
		ResultEvent first = this.processor.process(request("crm-ticket-4711"), 1);
		this.clock.advance(Duration.ofHours(23));

		ResultEvent second = this.processor.process(request("crm-ticket-4712"), 1);

		assertThat(this.backend.openChecks()).containsExactly(RecordingBackend.madeUpTo(1, Sid.CHAT_MESSAGE));
		assertThat(this.backend.creates()).hasSize(1);
		assertThat(second.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(second.requestId()).isEqualTo("crm-ticket-4712");
		assertThat(second.sids()).isEqualTo(first.sids());
		assertThat(second.completedAt()).isEqualTo(this.clock.instant());
	}

	@Test
	void writesNothingForTheOpenCheckWhenEveryRequestChecksAgain() {
		this.processor.process(request("crm-ticket-4711"), 1);
		Instant opened = this.clock.instant();
		this.clock.advance(Duration.ofHours(1));

		ResultEvent reused = this.processor.process(request("crm-ticket-4712"), 1);

		assertThat(reused.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(this.backend.openChecks()).hasSize(1);
		assertThat(this.store.claim(PAIR, "crm-ticket-4713", this.backend.name()))
			.isInstanceOfSatisfying(Claim.Open.class, (open) -> assertThat(open.checkedAt()).isEqualTo(opened));
	}

	@Test
	void takesARecentLookAtTheOutreachOnTrustAndLooksAgainOnceItIsOld() {
		OutreachProcessor trusting = new OutreachProcessor(
				this.store, this.backend, new ProcessingProperties(Duration.ofHours(24), Duration.ofSeconds(60),
						Duration.ofMillis(100), Duration.ofMinutes(2)),
				this.clock, new ClockAdvancingSleeper(this.clock), this.campaigns);
		trusting.process(request("crm-ticket-4711"), 1);
		this.clock.advance(Duration.ofSeconds(59));

		ResultEvent soon = trusting.process(request("crm-ticket-4712"), 1);
		this.clock.advance(Duration.ofSeconds(2));
		ResultEvent later = trusting.process(request("crm-ticket-4713"), 1);
		this.clock.advance(Duration.ofSeconds(59));
		ResultEvent afterLook = trusting.process(request("crm-ticket-4714"), 1);

		assertThat(soon.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(later.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(afterLook.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(this.backend.openChecks()).hasSize(1);
		assertThat(this.backend.creates()).hasSize(1);
	}

	@Test
	void replacesAnOpenOutreachThatAnotherBackendMade() {
		OutreachProcessor trusting = new OutreachProcessor(
				this.store, this.backend, new ProcessingProperties(Duration.ofHours(24), Duration.ofSeconds(60),
						Duration.ofMillis(100), Duration.ofMinutes(2)),
				this.clock, new ClockAdvancingSleeper(this.clock), this.campaigns);
		this.store.claim(PAIR, "made-elsewhere", "another-backend");
		this.store.open(PAIR, 1, OutreachProgress.none().with(Sid.PROXY_SESSION, "KC-other"), "made-elsewhere",
				new StoredOutcome(Outcome.CREATED, "another-backend", PAIR,
						java.util.Map.of(Sid.PROXY_SESSION, "KC-other"), this.clock.instant()));

		ResultEvent event = trusting.process(request("crm-ticket-4711"), 1);

		assertThat(event.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(event.backend()).isEqualTo(this.backend.name());
		assertThat(event.sids()).doesNotContainValue("KC-other");
		assertThat(this.store.row(PAIR))
			.hasValueSatisfying((row) -> assertThat(row.backend()).isEqualTo(this.backend.name()));
	}

	@Test
	void answersARedeliveredReusingRequestWithTheSameOutcome() {
		this.processor.process(request("crm-ticket-4711"), 1);
		ResultEvent reused = this.processor.process(request("crm-ticket-4712"), 1);
		this.clock.advance(Duration.ofMinutes(1));

		ResultEvent again = this.processor.process(request("crm-ticket-4712"), 2);

		assertThat(again.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(again.sids()).isEqualTo(reused.sids());
		assertThat(again.completedAt()).isEqualTo(reused.completedAt());
		assertThat(this.backend.openChecks()).hasSize(1);
	}

	@Test
	void createsANewOutreachWhenTheOpenOneWasFoundClosed() {
		ResultEvent first = this.processor.process(request("crm-ticket-4711"), 1);
		this.backend.findsOutreachesClosed();
		this.clock.advance(Duration.ofHours(1));

		ResultEvent second = this.processor.process(request("crm-ticket-4712"), 1);

		assertThat(this.backend.openChecks()).hasSize(1);
		assertThat(this.backend.creates()).extracting(RecordingBackend.CreateCall::progress)
			.containsExactly(OutreachProgress.none(), OutreachProgress.none());
		assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(second.sids()).isEqualTo(RecordingBackend.madeUpTo(2, Sid.CHAT_MESSAGE).sids())
			.isNotEqualTo(first.sids());
		assertThat(this.store.row(PAIR)).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(InMemoryOutreachStore.State.OPEN);
			assertThat(row.openedAt()).isEqualTo(this.clock.instant());
			assertThat(row.progress().sids()).isEqualTo(second.sids());
		});
	}

	@Test
	void createsANewOutreachWithoutAskingTwilioWhenTheOpenOneIsOlderThanTheDedupeWindow() {
		ResultEvent first = this.processor.process(request("crm-ticket-4711"), 1);
		this.clock.advance(Duration.ofHours(25));

		ResultEvent second = this.processor.process(request("crm-ticket-4712"), 1);

		assertThat(this.backend.openChecks()).isEmpty();
		assertThat(this.backend.creates()).hasSize(2);
		assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(second.sids()).isNotEqualTo(first.sids());
	}

	@Test
	void answersReusedWhenTheBackendFoundThePairInASessionNobodyHereMade() {
		this.backend.findsPairAlreadyInSession();

		ResultEvent event = this.processor.process(request("crm-ticket-4711"), 1);

		assertThat(event.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(this.store.findOutcome("crm-ticket-4711"))
			.hasValueSatisfying((stored) -> assertThat(stored.outcome()).isEqualTo(Outcome.REUSED));
		assertThat(this.store.row(PAIR))
			.hasValueSatisfying((row) -> assertThat(row.state()).isEqualTo(InMemoryOutreachStore.State.OPEN));
	}

	@Test
	void resumesAPendingOutreachWhoseLeaseRanOutFromItsStoredProgress() {
		Claim.Claimed crashed = (Claim.Claimed) this.store.claim(PAIR, "crm-ticket-4711", RecordingBackend.NAME);
		OutreachProgress madeBeforeCrash = RecordingBackend.madeUpTo(7, Sid.CHAT_CHANNEL).attempting(Sid.TASK);
		this.store.checkpoint(PAIR, crashed.fence(), madeBeforeCrash);
		this.clock.advance(InMemoryOutreachStore.LEASE.plusSeconds(1));

		ResultEvent event = this.processor.process(request("crm-ticket-4711"), 2);

		assertThat(this.backend.creates()).extracting(RecordingBackend.CreateCall::progress)
			.containsExactly(madeBeforeCrash);
		assertThat(this.sleeper.pauses()).isEmpty();
		assertThat(event.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(event.sids()).containsEntry(Sid.FLEX_FLOW, RecordingBackend.sid(Sid.FLEX_FLOW, 7))
			.containsEntry(Sid.CHAT_CHANNEL, RecordingBackend.sid(Sid.CHAT_CHANNEL, 7))
			.containsEntry(Sid.PROXY_SESSION, RecordingBackend.sid(Sid.PROXY_SESSION, 1));
	}

	@Test
	void waitsForTheRequestThatHoldsThePairAndReusesWhatItMade() {
		Claim.Claimed other = (Claim.Claimed) this.store.claim(PAIR, "crm-ticket-4711", RecordingBackend.NAME);
		OutreachProgress madeByOther = RecordingBackend.madeUpTo(9, Sid.CHAT_MESSAGE);
		Instant start = this.clock.instant();
		this.sleeper
			.meanwhile(() -> this.store.open(PAIR, other.fence(), madeByOther, "crm-ticket-4711", new StoredOutcome(
					Outcome.CREATED, RecordingBackend.NAME, PAIR, madeByOther.sids(), this.clock.instant())));

		ResultEvent event = this.processor.process(request("crm-ticket-4712"), 1);

		assertThat(this.sleeper.pauses()).containsExactly(PROPERTIES.busyPoll());
		assertThat(this.clock.instant()).isEqualTo(start.plus(PROPERTIES.busyPoll()));
		assertThat(this.backend.creates()).isEmpty();
		assertThat(this.backend.openChecks()).containsExactly(madeByOther);
		assertThat(event.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(event.sids()).isEqualTo(madeByOther.sids());
	}

	@Test
	void waitsNoLongerThanTheOtherLeaseAndThenTakesTheOutreachOver() {
		this.store.claim(PAIR, "crm-ticket-4711", RecordingBackend.NAME);
		this.clock.advance(InMemoryOutreachStore.LEASE.minusMillis(40));

		ResultEvent event = this.processor.process(request("crm-ticket-4712"), 1);

		assertThat(this.sleeper.pauses()).containsExactly(Duration.ofMillis(40));
		assertThat(this.backend.creates()).extracting(RecordingBackend.CreateCall::requestId)
			.containsExactly("crm-ticket-4712");
		assertThat(event.outcome()).isEqualTo(Outcome.CREATED);
	}

	@Test
	void givesUpWithATransientFailureWhenThePairStaysBusyForTheBusyWaitLimit() {
		Claim.Claimed other = (Claim.Claimed) this.store.claim(PAIR, "crm-ticket-4711", RecordingBackend.NAME);
		Instant start = this.clock.instant();
		this.sleeper.meanwhile(() -> this.store.checkpoint(PAIR, other.fence(), OutreachProgress.none()));

		TransientFailure failure = catchThrowableOfType(TransientFailure.class,
				() -> this.processor.process(request("crm-ticket-4712"), 1));

		assertThat(failure).hasMessageContaining("held it for longer than " + PROPERTIES.busyWaitLimit());
		// the next attempt should not come before the holder's lease ran out
		assertThat(failure.retryNoSoonerThan()).isPositive()
			.isEqualTo(Duration.between(this.clock.instant(), this.store.row(PAIR).orElseThrow().leaseUntil()));
		assertThat(this.clock.instant()).isEqualTo(start.plus(PROPERTIES.busyWaitLimit()));
		assertThat(this.sleeper.pauses()).allSatisfy((wait) -> assertThat(wait).isEqualTo(PROPERTIES.busyPoll()));
		assertThat(this.backend.creates()).isEmpty();
		assertThat(this.store.row(PAIR)).hasValueSatisfying((row) -> {
			assertThat(row.ownerRequestId()).isEqualTo("crm-ticket-4711");
			assertThat(row.fence()).isEqualTo(other.fence());
		});
	}

	@Test
	void abandonsTheOutreachAndPropagatesAPermanentFailure() {
		PermanentFailure noFlow = new PermanentFailure(ErrorCode.FLEX_FLOW_NOT_FOUND, "no Flex Flow");
		this.backend.failAt(Sid.CHAT_CHANNEL, noFlow);

		assertThatExceptionOfType(PermanentFailure.class)
			.isThrownBy(() -> this.processor.process(request("crm-ticket-4711"), 1))
			.isSameAs(noFlow);

		assertThat(this.store.row(PAIR)).isEmpty();
		assertThat(this.store.findOutcome("crm-ticket-4711")).isEmpty();
	}

	@Test
	void freesThePairForTheNextRequestAfterAPermanentFailure() {
		this.backend.failAt(Sid.FLEX_FLOW, new PermanentFailure(ErrorCode.FLEX_FLOW_NOT_FOUND, "no Flex Flow"));
		assertThatExceptionOfType(PermanentFailure.class)
			.isThrownBy(() -> this.processor.process(request("crm-ticket-4711"), 1));

		ResultEvent next = this.processor.process(request("crm-ticket-4712"), 1);

		assertThat(next.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(this.sleeper.pauses()).isEmpty();
		assertThat(this.backend.creates()).extracting(RecordingBackend.CreateCall::progress)
			.containsExactly(OutreachProgress.none(), OutreachProgress.none());
	}

	@Test
	void releasesTheLeaseKeepingTheProgressAndPropagatesATransientFailure() {
		TransientFailure busy = new TransientFailure("Twilio answered 503", 20003, 503, null);
		this.backend.failAt(Sid.PROXY_SESSION, busy);

		assertThatExceptionOfType(TransientFailure.class)
			.isThrownBy(() -> this.processor.process(request("crm-ticket-4711"), 1))
			.isSameAs(busy);

		assertThat(this.store.row(PAIR)).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(InMemoryOutreachStore.State.PENDING);
			assertThat(row.leaseUntil()).isNull();
			assertThat(row.progress()).isEqualTo(RecordingBackend.madeUpTo(1, Sid.TASK));
		});
		assertThat(this.store.findOutcome("crm-ticket-4711")).isEmpty();
	}

	@Test
	void retriesFromTheLastCompletedStepAfterATransientFailure() {
		this.backend.failAt(Sid.PROXY_SESSION, new TransientFailure("Twilio answered 503"));
		assertThatExceptionOfType(TransientFailure.class)
			.isThrownBy(() -> this.processor.process(request("crm-ticket-4711"), 1));

		ResultEvent retried = this.processor.process(request("crm-ticket-4711"), 2);

		assertThat(this.sleeper.pauses()).isEmpty();
		assertThat(this.backend.creates()).extracting(RecordingBackend.CreateCall::progress)
			.containsExactly(OutreachProgress.none(), RecordingBackend.madeUpTo(1, Sid.TASK));
		assertThat(retried.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(retried.sids()).containsEntry(Sid.CHAT_CHANNEL, RecordingBackend.sid(Sid.CHAT_CHANNEL, 1));
	}

	@Test
	void releasesTheLeaseAndPropagatesASystemicFailure() {
		SystemicFailure badCredentials = new SystemicFailure(Dependency.TWILIO, "Twilio answered 401", 20003, 401,
				null);
		this.backend.failAt(Sid.FLEX_FLOW, badCredentials);

		assertThatExceptionOfType(SystemicFailure.class)
			.isThrownBy(() -> this.processor.process(request("crm-ticket-4711"), 1))
			.isSameAs(badCredentials);

		assertThat(this.store.row(PAIR)).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(InMemoryOutreachStore.State.PENDING);
			assertThat(row.leaseUntil()).isNull();
		});
	}

	@Test
	void failsWithATransientFailureWhenAnotherWorkerTookTheOutreachOverMidway() {
		this.backend.before(Sid.CHAT_CHANNEL, () -> {
			this.clock.advance(InMemoryOutreachStore.LEASE.plusSeconds(1));
			this.store.claim(PAIR, "crm-ticket-4712", RecordingBackend.NAME);
		});

		assertThatExceptionOfType(TransientFailure.class)
			.isThrownBy(() -> this.processor.process(request("crm-ticket-4711"), 1))
			.withMessageContaining("another worker took the outreach over");

		assertThat(this.store.row(PAIR)).hasValueSatisfying((row) -> {
			assertThat(row.ownerRequestId()).isEqualTo("crm-ticket-4712");
			assertThat(row.fence()).isEqualTo(2);
			assertThat(row.leaseUntil()).isEqualTo(this.clock.instant().plus(InMemoryOutreachStore.LEASE));
			assertThat(row.progress()).isEqualTo(RecordingBackend.madeUpTo(1, Sid.CHAT_SERVICE));
		});
		assertThat(this.store.findOutcome("crm-ticket-4711")).isEmpty();
	}

	/**
	 * Two copies of one request (a producer re-published after a lost confirm): the
	 * second finds the pair busy with the first, waits, and finds it open; it must answer
	 * what the first stored, not a REUSED of its own.
	 */
	@Test
	void aCopyProcessedWhileTheFirstMakesTheOutreachGetsTheFirstsOutcome() {
		Claim.Claimed first = (Claim.Claimed) this.store.claim(PAIR, "crm-ticket-4711", RecordingBackend.NAME);
		OutreachProgress made = RecordingBackend.madeUpTo(3, Sid.CHAT_MESSAGE);
		StoredOutcome created = new StoredOutcome(Outcome.CREATED, RecordingBackend.NAME, PAIR, made.sids(),
				this.clock.instant());
		this.sleeper.meanwhile(() -> this.store.open(PAIR, first.fence(), made, "crm-ticket-4711", created));

		ResultEvent copy = this.processor.process(request("crm-ticket-4711"), 1);

		assertThat(copy.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(copy.sids()).isEqualTo(made.sids());
		assertThat(copy.completedAt()).isEqualTo(created.completedAt());
		assertThat(this.backend.creates()).isEmpty();
	}

	@Test
	void refusesARequestIdUsedBeforeForAnotherPair() {
		this.processor.process(request("crm-ticket-4711"), 1);
		OutboundSmsRequest otherPair = new OutboundSmsRequest("crm-ticket-4711",
				new NumberPair("+15005550006", "+14155552672"), "Joe", null, null, Map.of(), null);

		PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
				() -> this.processor.process(otherPair, 1));

		assertThat(failure.code()).isEqualTo(ErrorCode.REQUEST_ID_CONFLICT);
		assertThat(failure.getMessage()).doesNotContain("+1415");
		assertThat(this.backend.creates()).hasSize(1);
		assertThat(this.store.row(otherPair.pair())).isEmpty();
	}

	@Test
	void refusesARequestIdThatAnotherPairsCopyStoredWhileThisOneWasMade() {
		NumberPair otherPair = new NumberPair("+15005550006", "+14155552672");
		this.backend.before(Sid.FLEX_FLOW,
				() -> this.store.recordOutcome("crm-ticket-4711", otherPair,
						new StoredOutcome(Outcome.REUSED, RecordingBackend.NAME, otherPair,
								Map.of(Sid.PROXY_SESSION, "KC-other"), this.clock.instant())));

		PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
				() -> this.processor.process(request("crm-ticket-4711"), 1));

		assertThat(failure.code()).isEqualTo(ErrorCode.REQUEST_ID_CONFLICT);
		assertThat(this.store.findOutcome("crm-ticket-4711"))
			.hasValueSatisfying((stored) -> assertThat(stored.pair()).isEqualTo(otherPair));
	}

	@Test
	void answersARequestOfACancelledCampaignCancelledWithoutTouchingTwilioOrTheStore() {
		this.campaigns.with("spring-reminders", CampaignState.CANCELLED);

		ResultEvent event = this.processor.process(campaignRequest("crm-ticket-4711", "spring-reminders"), 1);

		assertThat(event.outcome()).isEqualTo(Outcome.CANCELLED);
		assertThat(event.campaignId()).isEqualTo("spring-reminders");
		assertThat(event.sids()).isEmpty();
		assertThat(event.pair()).isEqualTo(PAIR);
		assertThat(this.backend.creates()).isEmpty();
		assertThat(this.store.findOutcome("crm-ticket-4711")).isEmpty();
	}

	@Test
	void holdsARequestOfAPausedCampaignWithoutTouchingTwilio() {
		this.campaigns.with("spring-reminders", CampaignState.PAUSED);

		assertThatThrownBy(() -> this.processor.process(campaignRequest("crm-ticket-4711", "spring-reminders"), 1))
			.isInstanceOfSatisfying(CampaignPaused.class,
					(paused) -> assertThat(paused.campaignId()).isEqualTo("spring-reminders"));
		assertThat(this.backend.creates()).isEmpty();
		assertThat(this.processor.process(campaignRequest("crm-ticket-4712", "other-campaign"), 1).outcome())
			.isEqualTo(Outcome.CREATED);
	}

	@Test
	void answersARequestSettledBeforeItsCampaignWasCancelledWithItsStoredOutcome() {
		ResultEvent first = this.processor.process(campaignRequest("crm-ticket-4711", "spring-reminders"), 1);
		this.campaigns.with("spring-reminders", CampaignState.CANCELLED);

		ResultEvent again = this.processor.process(campaignRequest("crm-ticket-4711", "spring-reminders"), 2);

		assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(again.sids()).isEqualTo(first.sids());
	}

	private static OutboundSmsRequest campaignRequest(String requestId, String campaignId) {
		return new OutboundSmsRequest(requestId, PAIR, "Jane", null, "Hello Jane", Map.of(), Map.of("ticketId", "4711"),
				null, campaignId);
	}

	@Test
	void postsANotifyRequestsOwnMessageIntoThePairsOpenNotifyOutreachOncePerRequest() {
		ResultEvent first = this.processor.process(reminder("reminder-1"), 1);

		ResultEvent second = this.processor.process(reminder("reminder-2"), 1);
		ResultEvent secondAgain = this.processor.process(reminder("reminder-2"), 2);

		assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(first.mode()).isEqualTo(OutreachMode.NOTIFY);
		assertThat(this.backend.creates()).hasSize(1);
		assertThat(second.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(second.sids()).containsEntry(Sid.CONVERSATION, first.sids().get(Sid.CONVERSATION))
			.containsEntry(Sid.MESSAGE, "IM" + String.format("%032x", 1))
			.doesNotContainKeys(Sid.TASK, Sid.INTERACTION);
		assertThat(this.backend.postedInto()).containsExactly("reminder-2 into " + first.sids().get(Sid.CONVERSATION));
		assertThat(secondAgain.sids()).isEqualTo(second.sids());
	}

	@Test
	void postsNothingForANotifyRequestWhereAnAgentIsTalkingToTheCustomerAndSaysWhy() {
		ResultEvent task = this.processor.process(request("crm-ticket-4711"), 1);

		ResultEvent reminder = this.processor.process(reminder("reminder-1"), 1);

		assertThat(reminder.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(reminder.sids()).isEqualTo(task.sids());
		assertThat(reminder.messageError()).isNotNull();
		assertThat(reminder.messageError().code()).isEqualTo(ErrorCode.CUSTOMER_WITH_AGENT);
		assertThat(this.backend.postedInto()).isEmpty();
		assertThat(this.backend.creates()).hasSize(1);
	}

	@Test
	void makesANewOutreachForATaskRequestOnAnOpenNotifyOutreachWithoutReusingIt() {
		ResultEvent reminder = this.processor.process(reminder("reminder-1"), 1);

		ResultEvent escalated = this.processor.process(request("crm-ticket-4711"), 1);

		assertThat(escalated.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(escalated.mode()).isNull();
		assertThat(this.backend.creates()).extracting(RecordingBackend.CreateCall::requestId)
			.containsExactly("reminder-1", "crm-ticket-4711");
		assertThat(this.backend.openChecks()).isEmpty();
		assertThat(reminder.sids()).containsKey(Sid.STUDIO_WEBHOOK);
	}

	@Test // #15
	void failsAReminderPostedIntoAnOpenConversationWhoseCustomerOptedOutAndAnswersEveryCopyTheSame() {
		ResultEvent first = this.processor.process(reminder("reminder-1"), 1);
		this.backend.refusesTheFirstMessage(OPTED_OUT);

		PermanentFailure refused = catchThrowableOfType(PermanentFailure.class,
				() -> this.processor.process(reminder("reminder-2"), 1));
		this.backend.refusesTheFirstMessage(null);
		PermanentFailure copy = catchThrowableOfType(PermanentFailure.class,
				() -> this.processor.process(reminder("reminder-2"), 2));

		assertThat(refused.code()).isEqualTo(ErrorCode.RECIPIENT_OPTED_OUT);
		Map<Sid, String> outreach = new EnumMap<>(first.sids());
		outreach.remove(Sid.MESSAGE);
		assertThat(refused.made()).isEqualTo(outreach).containsKey(Sid.CONVERSATION);
		assertThat(copy.detail(2)).isEqualTo(refused.detail(1));
		assertThat(copy.made()).isEqualTo(outreach);
		// the copy came from the store: nothing was posted for it, though Twilio would
		// now take the message
		assertThat(this.backend.postedInto()).isEmpty();
		assertThat(this.store.row(PAIR))
			.hasValueSatisfying((row) -> assertThat(row.state()).isEqualTo(InMemoryOutreachStore.State.OPEN));
	}

	@Test // #15
	void startsAnEscalationFromWhatTheBackendBuildsOnOfTheNotifyOutreach() {
		this.backend.carriesEscalations();
		ResultEvent reminder = this.processor.process(reminder("reminder-1"), 1);

		this.processor.process(request("crm-ticket-4711"), 1);

		assertThat(this.backend.creates()).last()
			.satisfies((escalation) -> assertThat(escalation.progress().sids())
				.isEqualTo(Map.of(Sid.CONVERSATION, reminder.sids().get(Sid.CONVERSATION))));
	}

	@Test // #15
	void saysWhyAReminderWasNotPostedWhereTwilioShowedTheCustomerInAnotherConversation() {
		this.backend.findsPairAlreadyInSession();

		ResultEvent reminder = this.processor.process(reminder("reminder-1"), 1);
		ResultEvent task = this.processor.process(request("crm-ticket-4711"), 1);

		assertThat(reminder.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(reminder.messageError()).isNotNull();
		assertThat(reminder.messageError().code()).isEqualTo(ErrorCode.CUSTOMER_WITH_AGENT);
		assertThat(reminder.messageError().message()).contains("the reminder was not posted");
		assertThat(task.messageError()).isNull();
	}

	@Test // #15
	void leavesTheReminderThePairsOpenOutreachWhenTwilioRefusesItsEscalationForGood() {
		ResultEvent reminder = this.processor.process(reminder("reminder-1"), 1);
		this.backend.failAt(Sid.TASK,
				new PermanentFailure(ErrorCode.TWILIO_REJECTED, "creating the agent's task: 400, workflow unknown"));

		PermanentFailure refused = catchThrowableOfType(PermanentFailure.class,
				() -> this.processor.process(request("crm-ticket-4711"), 1));
		ResultEvent next = this.processor.process(reminder("reminder-2"), 1);

		assertThat(refused.code()).isEqualTo(ErrorCode.TWILIO_REJECTED);
		assertThat(this.store.row(PAIR)).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(InMemoryOutreachStore.State.OPEN);
			assertThat(row.progress().mode()).isEqualTo(OutreachMode.NOTIFY);
		});
		assertThat(next.outcome()).isEqualTo(Outcome.REUSED);
		assertThat(next.sids()).containsEntry(Sid.CONVERSATION, reminder.sids().get(Sid.CONVERSATION));
		assertThat(this.backend.postedInto())
			.containsExactly("reminder-2 into " + reminder.sids().get(Sid.CONVERSATION));
	}

	private static OutboundSmsRequest reminder(String requestId) {
		return new OutboundSmsRequest(requestId, PAIR, "Jane", null, "Your appointment is tomorrow at 10.", Map.of(),
				null, null, "spring", OutreachMode.NOTIFY);
	}

	@Test // #15
	void failsARequestWhoseCustomerOptedOutWithWhatItMadeAndKeepsThePairsOutreachOpen() {
		this.backend.refusesTheFirstMessage(OPTED_OUT);

		PermanentFailure failure = catchThrowableOfType(PermanentFailure.class,
				() -> this.processor.process(request("crm-ticket-4711"), 1));

		assertThat(failure.detail(1)).isEqualTo(OPTED_OUT);
		assertThat(failure.made()).isEqualTo(RecordingBackend.madeUpTo(1, Sid.PROXY_SESSION).sids());
		assertThat(this.store.row(PAIR)).hasValueSatisfying((row) -> {
			assertThat(row.state()).isEqualTo(InMemoryOutreachStore.State.OPEN);
			assertThat(row.progress().sids()).isEqualTo(failure.made());
		});
		assertThat(this.store.findOutcome("crm-ticket-4711")).hasValueSatisfying((stored) -> {
			assertThat(stored.outcome()).isEqualTo(Outcome.FAILED);
			assertThat(stored.messageError()).isEqualTo(OPTED_OUT);
		});
	}

	@Test // #15
	void failsEveryCopyOfAnOptedOutRequestFromTheStoreWithoutTryingAgain() {
		this.backend.refusesTheFirstMessage(OPTED_OUT);
		PermanentFailure first = catchThrowableOfType(PermanentFailure.class,
				() -> this.processor.process(request("crm-ticket-4711"), 1));
		this.clock.advance(Duration.ofMinutes(5));

		PermanentFailure again = catchThrowableOfType(PermanentFailure.class,
				() -> this.processor.process(request("crm-ticket-4711"), 2));

		assertThat(again.detail(2)).isEqualTo(first.detail(1));
		assertThat(again.made()).isEqualTo(first.made());
		assertThat(this.backend.creates()).hasSize(1);
		assertThat(this.backend.openChecks()).isEmpty();
	}

	@Test
	void answersCreatedWithTheRefusalWhenTheFirstMessageIsRefusedForAnotherReason() {
		ErrorDetail refused = new ErrorDetail(ErrorCode.TWILIO_REJECTED, "posting the first message: refused", 21614,
				400);
		this.backend.refusesTheFirstMessage(refused);

		ResultEvent event = this.processor.process(request("crm-ticket-4711"), 1);

		assertThat(event.outcome()).isEqualTo(Outcome.CREATED);
		assertThat(event.messageError()).isEqualTo(refused);
		assertThat(event.error()).isNull();
	}

	private static OutboundSmsRequest request(String requestId) {
		return new OutboundSmsRequest(requestId, PAIR, "Jane", null, "Hello Jane", Map.of(),
				Map.of("ticketId", "4711"));
	}

}
