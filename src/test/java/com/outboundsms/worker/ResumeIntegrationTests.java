package com.outboundsms.worker;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.outboundsms.worker.emulator.FlexFlow;
import com.outboundsms.worker.emulator.TwilioEmulator;
import com.outboundsms.worker.processing.Claim;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.OutreachStore;
import com.outboundsms.worker.processing.Sid;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.chat.v2.service.channel.Message;
import com.twilio.rest.flexapi.v1.Channel;
import com.twilio.rest.proxy.v1.service.Session;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker that died between two steps leaves a pending outreach whose lease runs out;
 * the redelivered request resumes from the last completed step and never makes a second
 * channel, session or first message. Each test builds, with the worker's own client and
 * store, the state such a crash leaves, then delivers the request again.
 */
@WorkerIntegrationTest
class ResumeIntegrationTests {

	@Autowired
	CapturedMessages taps;

	@Autowired
	TwilioEmulator emulator;

	@Autowired
	TwilioRestClient twilio;

	@Autowired
	OutreachStore store;

	@Autowired
	JdbcClient jdbc;

	@Test
	void resumesAfterTheChannelWithoutASecondChannel() {
		Crash crash = new Crash("resume-channel");
		OutreachProgress made = crash.flowFound().attempting(Sid.CHAT_CHANNEL);
		Channel channel = crash.createChannel();
		crash.leave(made.with(Sid.CHAT_CHANNEL, channel.getSid()).with(Sid.TASK, channel.getTaskSid()));

		JsonNode result = crash.redeliver();

		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("chatChannelSid").asString()).isEqualTo(channel.getSid());
		assertThat(crash.channelCreates()).isEqualTo(1);
		assertThat(crash.sessionsOfCustomer()).hasSize(1);
	}

	@Test
	void resumesAfterAChannelCreateWhoseAnswerWasLostWithTheSameChannel() {
		Crash crash = new Crash("resume-lost-channel");
		Channel channel = crash.createChannel();
		crash.leave(crash.flowFound().attempting(Sid.CHAT_CHANNEL));

		JsonNode result = crash.redeliver();

		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("chatChannelSid").asString()).isEqualTo(channel.getSid());
		assertThat(this.emulator.activeChannelCount(crash.flow.sid(), crash.to)).isEqualTo(1);
		assertThat(crash.sessionsOfCustomer()).hasSize(1);
	}

	@Test
	void resumesAfterASessionCreateWhoseAnswerWasLostWithTheSameSession() {
		Crash crash = new Crash("resume-lost-session");
		Channel channel = crash.createChannel();
		Session session = crash.createSession(channel.getSid(), channel.getSid());
		crash.leave(crash.flowFound()
			.with(Sid.CHAT_CHANNEL, channel.getSid())
			.with(Sid.TASK, channel.getTaskSid())
			.attempting(Sid.CHAT_CHANNEL)
			.attempting(Sid.PROXY_SESSION));

		JsonNode result = crash.redeliver();

		assertThat(result.path("outcome").asString()).isEqualTo("CREATED");
		assertThat(result.path("proxySessionSid").asString()).isEqualTo(session.getSid());
		assertThat(crash.sessionsOfCustomer()).hasSize(1);
		assertThat(this.emulator.messages(channel.getSid())).hasSize(1);
	}

	@Test
	void neverPostsTheFirstMessageTwice() {
		Crash crash = new Crash("resume-message");
		Channel channel = crash.createChannel();
		Session session = crash.createSession(channel.getSid(), channel.getSid());
		Message sent = Message.creator(crash.flow.chatServiceSid(), channel.getSid())
			.setBody(crash.firstMessage)
			.setAttributes("{\"outboundSmsFirstMessage\":true}")
			.create(this.twilio);
		crash.leave(crash.flowFound()
			.with(Sid.CHAT_CHANNEL, channel.getSid())
			.with(Sid.TASK, channel.getTaskSid())
			.with(Sid.PROXY_SESSION, session.getSid())
			.attempting(Sid.CHAT_MESSAGE));

		JsonNode result = crash.redeliver();

		assertThat(result.path("chatMessageSid").asString()).isEqualTo(sent.getSid());
		assertThat(this.emulator.messages(channel.getSid())).hasSize(1);
	}

	/** A pair, its flow, and the state a worker that died mid-sequence left for it. */
	private final class Crash {

		final String requestId;

		final String from = TestNumbers.twilioNumber();

		final String to = TestNumbers.customerNumber();

		final String firstMessage = "Your appointment is tomorrow";

		final String outreachId = UUID.randomUUID().toString();

		final FlexFlow flow;

		Crash(String requestId) {
			this.requestId = requestId;
			this.flow = ResumeIntegrationTests.this.emulator.createFlexFlow(this.from);
		}

		OutreachProgress flowFound() {
			return OutreachProgress.start(this.outreachId)
				.with(Sid.FLEX_FLOW, this.flow.sid())
				.with(Sid.CHAT_SERVICE, this.flow.chatServiceSid());
		}

		/** The channel the dead worker made, marked with the outreach's id. */
		Channel createChannel() {
			String mark = "outbound-sms-" + this.outreachId;
			return Channel.creator(this.flow.sid(), mark, "Jane Doe", "SMS" + this.to)
				.setTarget(this.to)
				.setChatUniqueName(mark)
				.setTaskAttributes("{\"to\":\"" + this.to + "\"}")
				.create(ResumeIntegrationTests.this.twilio);
		}

		Session createSession(String uniqueName, String channelSid) {
			return Session.creator(ResumeIntegrationTests.this.emulator.defaultProxyServiceSid())
				.setUniqueName(uniqueName)
				.setMode(Session.Mode.MESSAGE_ONLY)
				.setParticipants(List.of(participant(this.to), participant(channelSid)))
				.create(ResumeIntegrationTests.this.twilio);
		}

		private Map<String, Object> participant(String identifier) {
			return Map.of("Identifier", identifier, "ProxyIdentifier", this.from, "FriendlyName", "Jane Doe");
		}

		/** The pending row, with its lease run out, that the dead worker left. */
		void leave(OutreachProgress progress) {
			NumberPair pair = new NumberPair(this.from, this.to);
			Claim.Claimed claim = (Claim.Claimed) ResumeIntegrationTests.this.store.claim(pair, this.requestId,
					"flex-legacy");
			ResumeIntegrationTests.this.store.checkpoint(pair, claim.fence(), progress);
			ResumeIntegrationTests.this.jdbc
				.sql("UPDATE outreach SET lease_until = lease_until - INTERVAL '10' MINUTE WHERE to_number = ?")
				.param(this.to)
				.update();
		}

		String body() {
			Map<String, Object> body = RequestBodies.minimal(this.requestId, this.from, this.to);
			body.put("initialNotificationMessage", this.firstMessage);
			return RequestBodies.json(body);
		}

		JsonNode redeliver() {
			ResumeIntegrationTests.this.taps.publish(body(), null);
			return ResumeIntegrationTests.this.taps.awaitResult(this.requestId);
		}

		long channelCreates() {
			return ResumeIntegrationTests.this.emulator.requests("POST", "/flex-api/v1/Channels")
				.stream()
				.filter((request) -> this.to.equals(request.form().first("Target")))
				.count();
		}

		List<?> sessionsOfCustomer() {
			return ResumeIntegrationTests.this.emulator.sessions()
				.stream()
				.filter((session) -> session.participants().stream().anyMatch((p) -> p.identifier().equals(this.to)))
				.toList();
		}

	}

}
