package com.outboundsms.worker.emulator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules that make idempotency matter, checked on the backends without HTTP.
 */
class EmulatorRulesTests {

	private static final Instant NOW = Instant.parse("2026-11-23T10:15:30.750Z");

	private static final ParticipantSpec CUSTOMER = new ParticipantSpec("+15551230000", "+15559990000", "Jane");

	private EmulatorState state;

	private FlexBackend flex;

	private ProxyBackend proxy;

	private ChannelJanitor janitor;

	private String service;

	@BeforeEach
	void setUp() {
		this.state = new EmulatorState(Clock.fixed(NOW, ZoneOffset.UTC), "AC00000000000000000000000000000000");
		this.flex = new FlexBackend(this.state);
		this.proxy = new ProxyBackend(this.state);
		this.janitor = new ChannelJanitor(this.state, this.proxy);
		this.service = this.state.defaultProxyServiceSid();
	}

	@Test
	void duplicateUniqueNameIsRejectedWith80603() {
		this.proxy.createSession(this.service, session("name", List.of()));

		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.proxy.createSession(this.service, session("name", List.of())))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(80603));
	}

	@Test
	void sameNameInAnotherServiceIsAllowed() {
		String other = this.proxy.createService("other");
		this.proxy.createSession(this.service, session("name", List.of()));

		assertThat(this.proxy.createSession(other, session("name", List.of())).serviceSid()).isEqualTo(other);
	}

	@Test
	void participantActiveInAnotherSessionIsRejectedWith80604AndNothingIsCreated() {
		this.proxy.createSession(this.service, session("a", List.of(CUSTOMER)));
		ParticipantSpec fresh = new ParticipantSpec("+15550000000", "+15559990000", null);

		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.proxy.createSession(this.service, session("b", List.of(fresh, CUSTOMER))))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(80604));
		assertThat(this.state.proxy.sessions()).hasSize(1);
	}

	@Test
	void sameCustomerOnAnotherProxyNumberIsAllowed() {
		this.proxy.createSession(this.service, session("a", List.of(CUSTOMER)));
		ParticipantSpec otherNumber = new ParticipantSpec(CUSTOMER.identifier(), "+15558880000", null);

		assertThat(this.proxy.createSession(this.service, session("b", List.of(otherNumber))).isActive()).isTrue();
	}

	@Test
	void closedSessionFreesTheParticipantButKeepsTheName() {
		ProxySession first = this.proxy.createSession(this.service, session("a", List.of(CUSTOMER)));
		this.janitor.closeSession(first.sid());

		assertThat(this.proxy.createSession(this.service, session("b", List.of(CUSTOMER))).isActive()).isTrue();
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.proxy.createSession(this.service, session("a", List.of())))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(80603));
	}

	@Test
	void closingRecordsWhenAndWhyAndReopeningIsRefusedWhileTheNumberIsTaken() {
		ProxySession first = this.proxy.createSession(this.service, session("a", List.of(CUSTOMER)));
		ProxySession closed = this.proxy.update(this.service, first.sid(), "closed", null, null);
		this.proxy.createSession(this.service, session("b", List.of(CUSTOMER)));

		assertThat(closed.status()).isEqualTo("closed");
		assertThat(closed.dateEnded()).isEqualTo(Instant.parse("2026-11-23T10:15:30Z"));
		assertThat(closed.closedReason()).isEqualTo("api");
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.proxy.update(this.service, first.sid(), "in-progress", null, null))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(80801));
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.proxy.update(this.service, first.sid(), "open", null, null))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(80608));
	}

	@Test
	void sessionDefaultsAndExpiryWithoutOffsetReadAsUtc() {
		ProxySession session = this.proxy.createSession(this.service,
				new NewProxySession(null, null, null, "2030-01-02T03:04:05", null, List.of()));

		assertThat(session.mode()).isEqualTo("voice-and-message");
		assertThat(session.status()).isEqualTo("open");
		assertThat(session.ttl()).isZero();
		assertThat(session.dateExpiry()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
	}

	@Test
	void channelForTheSameFlowAndTargetIsReusedWhileActive() {
		FlexFlow flow = this.flex.createFlow(NewFlexFlow.sms("+15559990000"));

		FlexChannel first = this.flex.createChannel(channel(flow.sid(), "+15551230000"));
		FlexChannel again = this.flex.createChannel(channel(flow.sid(), "+15551230000"));
		this.janitor.closeChannel(first.sid());
		FlexChannel after = this.flex.createChannel(channel(flow.sid(), "+15551230000"));

		assertThat(again).isEqualTo(first);
		assertThat(after.sid()).isNotEqualTo(first.sid());
		assertThat(this.state.flex.channelReuses()).isEqualTo(1);
		assertThat(this.state.flex.tasks()).extracting(FlexTask::status).containsExactly("completed", "pending");
	}

	@Test
	void channelOfAStudioFlowHasNoTask() {
		FlexFlow flow = this.flex.createFlow(NewFlexFlow.sms("+15559990000").withIntegrationType("studio"));

		FlexChannel channel = this.flex.createChannel(channel(flow.sid(), "+15551230000"));

		assertThat(channel.taskSid()).isNull();
		assertThat(this.state.flex.tasks()).isEmpty();
	}

	@Test
	void timestampsComeFromTheClockTruncatedToSeconds() {
		FlexFlow flow = this.flex.createFlow(NewFlexFlow.sms("+15559990000"));

		assertThat(TwilioTime.format(flow.created())).isEqualTo("2026-11-23T10:15:30Z");
	}

	private static NewProxySession session(String uniqueName, List<ParticipantSpec> participants) {
		return new NewProxySession(uniqueName, "message-only", null, null, null, participants);
	}

	private static NewFlexChannel channel(String flowSid, String target) {
		return new NewFlexChannel(flowSid, "id", "Jane", "SMS" + target, target, null, null,
				"{\"to\":\"" + target + "\"}", null);
	}

}
