package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.outboundsms.worker.emulator.client.EmulatorClients;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.proxy.v1.service.Session;
import com.twilio.rest.proxy.v1.service.session.Participant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drives the emulated Proxy API with twilio-java 13 (and raw HTTP for the Node wire
 * shape): session creation, the 80603/80604/80609 rules, closing, and the chat channel
 * binding.
 */
class ProxyIntegrationTests {

	private static final String CUSTOMER = "+15551230000";

	private static final String TWILIO_NUMBER = "+15559990000";

	private TwilioEmulator emulator;

	private TwilioRestClient client;

	private String serviceSid;

	@BeforeEach
	void start() {
		this.emulator = TwilioEmulator.start();
		this.client = EmulatorClients.twilio(this.emulator);
		this.serviceSid = this.emulator.defaultProxyServiceSid();
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void sessionCreateAddsBothParticipantsAndBindsTheChatChannel() {
		String channelSid = newChannel(CUSTOMER);

		Session session = createSession(channelSid, channelSid);

		assertThat(session.getSid()).matches("KC[0-9a-f]{32}");
		assertThat(session.getServiceSid()).isEqualTo(this.serviceSid);
		assertThat(session.getUniqueName()).isEqualTo(channelSid);
		assertThat(session.getMode()).isEqualTo(Session.Mode.MESSAGE_ONLY);
		assertThat(session.getStatus()).isEqualTo(Session.Status.OPEN);
		assertThat(session.getTtl()).isZero();
		List<Participant> participants = new ArrayList<>();
		Participant.reader(this.serviceSid, session.getSid()).read(this.client).forEach(participants::add);
		assertThat(participants).extracting(Participant::getIdentifier).containsExactly(CUSTOMER, channelSid);
		assertThat(participants).extracting(Participant::getProxyIdentifier).containsOnly(TWILIO_NUMBER);
		assertThat(this.emulator.chatChannel(channelSid)).hasValueSatisfying((chat) -> {
			assertThat(chat.proxySession()).isEqualTo(session.getSid());
			assertThat(chat.status()).isEqualTo("ACTIVE");
		});
	}

	@Test
	void sessionCreateRejectsADuplicateUniqueNameWith80603() {
		String channelSid = newChannel(CUSTOMER);
		createSession(channelSid, channelSid);

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> createSession(channelSid, channelSid))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(80603);
				assertThat(ex.getStatusCode()).isEqualTo(400);
			});
		assertThat(this.emulator.sessions()).hasSize(1);
	}

	@Test
	void sessionCreateRejectsACustomerActiveOnTheNumberWith80604UntilThatSessionCloses() {
		String firstChannel = newChannel(CUSTOMER);
		Session first = createSession(firstChannel, firstChannel);
		String secondChannel = newChannel("+15557770000");

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> createSession("other-name", secondChannel))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(80604);
				assertThat(ex.getStatusCode()).isEqualTo(400);
			});
		assertThat(this.emulator.sessions()).hasSize(1);

		Session.updater(this.serviceSid, first.getSid()).setStatus(Session.Status.CLOSED).update(this.client);
		Session second = createSession("other-name", secondChannel);

		assertThat(second.getStatus()).isEqualTo(Session.Status.OPEN);
		assertThat(Session.fetcher(this.serviceSid, first.getSid()).fetch(this.client)).satisfies((closed) -> {
			assertThat(closed.getStatus()).isEqualTo(Session.Status.CLOSED);
			assertThat(closed.getDateEnded()).isNotNull();
			assertThat(closed.getClosedReason()).isNotBlank();
		});
	}

	@Test
	void closedSessionStillHoldsItsUniqueNameUntilDeleted() {
		Session first = createSession("name-1", newChannel(CUSTOMER));
		this.emulator.closeSession(first.getSid());

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> createSession("name-1", newChannel("+1")))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(80603));

		assertThat(Session.deleter(this.serviceSid, first.getSid()).delete(this.client)).isTrue();
		assertThat(createSession("name-1", newChannel("+2")).getUniqueName()).isEqualTo("name-1");
	}

	@Test
	void sessionCreateAcceptsParticipantsAsOneJsonArrayField() {
		String channelSid = newChannel(CUSTOMER);
		String participants = "[{\"Identifier\":\"" + CUSTOMER + "\",\"ProxyIdentifier\":\"" + TWILIO_NUMBER
				+ "\",\"FriendlyName\":\"Jane\"},{\"Identifier\":\"" + channelSid + "\",\"ProxyIdentifier\":\""
				+ TWILIO_NUMBER + "\",\"FriendlyName\":\"Jane\"}]";

		EmulatorClients.RawResponse response = EmulatorClients.post(this.emulator,
				"/proxy/v1/Services/" + this.serviceSid + "/Sessions", List.of(Map.entry("UniqueName", channelSid),
						Map.entry("Mode", "message-only"), Map.entry("Participants", participants)));

		assertThat(response.status()).isEqualTo(201);
		String sessionSid = response.body().get("sid").asString();
		assertThat(this.emulator.session(sessionSid))
			.hasValueSatisfying((session) -> assertThat(session.participants()).extracting(ProxyParticipant::identifier)
				.containsExactly(CUSTOMER, channelSid));
		assertThat(this.emulator.chatChannel(channelSid))
			.hasValueSatisfying((chat) -> assertThat(chat.proxySession()).isEqualTo(sessionSid));
	}

	@Test
	void sessionCreateRejectsAThirdParticipantWith80609() {
		List<Object> three = List.of(participant(CUSTOMER), participant("+15550000001"), participant("+15550000002"));

		assertThatExceptionOfType(ApiException.class).isThrownBy(
				() -> Session.creator(this.serviceSid).setUniqueName("x").setParticipants(three).create(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(80609));
		assertThat(this.emulator.sessions()).isEmpty();
	}

	@Test
	void concurrentCreatesWithTheSameUniqueNameLetExactlyOneThrough() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Callable<Integer>> attempts = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				String customer = "+1555000" + (1000 + i);
				attempts.add(() -> {
					try {
						Session.creator(this.serviceSid)
							.setUniqueName("same-name")
							.setParticipants(List.of(participant(customer)))
							.create(this.client);
						return 201;
					}
					catch (ApiException ex) {
						return ex.getCode();
					}
				});
			}
			List<Integer> outcomes = new ArrayList<>();
			for (Future<Integer> outcome : pool.invokeAll(attempts)) {
				outcomes.add(outcome.get());
			}

			assertThat(outcomes).containsOnlyOnce(201).containsOnly(201, 80603);
			assertThat(this.emulator.sessions()).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void participantCreateAddsTheSecondParticipantAndEnforcesTheRules() {
		Session session = Session.creator(this.serviceSid)
			.setUniqueName("one-by-one")
			.setParticipants(List.of(participant(CUSTOMER)))
			.create(this.client);

		Participant added = Participant.creator(this.serviceSid, session.getSid(), "+15551112222")
			.setProxyIdentifier(TWILIO_NUMBER)
			.setFriendlyName("Agent")
			.create(this.client);

		assertThat(added.getSid()).matches("KP[0-9a-f]{32}");
		assertThat(added.getSessionSid()).isEqualTo(session.getSid());
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(
					() -> Participant.creator(this.serviceSid, session.getSid(), "+15553334444").create(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(80609));
	}

	private Session createSession(String uniqueName, String channelSid) {
		return Session.creator(this.serviceSid)
			.setUniqueName(uniqueName)
			.setMode(Session.Mode.MESSAGE_ONLY)
			.setParticipants(List.of(participant(CUSTOMER), participant(channelSid)))
			.create(this.client);
	}

	private static Map<String, Object> participant(String identifier) {
		return Map.of("Identifier", identifier, "ProxyIdentifier", TWILIO_NUMBER, "FriendlyName", "Jane Doe");
	}

	private String newChannel(String target) {
		String flowSid = this.emulator.createFlexFlow(TWILIO_NUMBER + target).sid();
		return com.twilio.rest.flexapi.v1.Channel.creator(flowSid, "id", "Jane Doe", "SMS" + target)
			.setTarget(target)
			.create(this.client)
			.getSid();
	}

}
