package com.outboundsms.worker.emulator;

import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.client.EmulatorClients;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.proxy.v1.service.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Opts customers out through the control API and checks what a STOP does to each path: a
 * conversation message is refused with 400/21610, a chat message Proxy relays is accepted
 * but not texted, and a reset lets messages through again.
 */
class OptOutIntegrationTests {

	private static final String CUSTOMER = "+15551230000";

	private static final String TWILIO_NUMBER = "+15559990000";

	private static final String OTHER_NUMBER = "+15558880000";

	private TwilioEmulator emulator;

	private TwilioRestClient client;

	@BeforeEach
	void start() {
		this.emulator = TwilioEmulator.start();
		this.client = EmulatorClients.twilio(this.emulator);
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void conversationMessageToACustomerWhoOptedOutOfTheSenderIsRefusedWith21610() {
		control("POST", "/_emulator/opt-outs", "{\"from\":\"" + TWILIO_NUMBER + "\",\"to\":\"" + CUSTOMER + "\"}", 204);
		String refused = conversationWith(CUSTOMER, TWILIO_NUMBER);
		String otherSender = conversationWith(CUSTOMER, OTHER_NUMBER);

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Message.creator(refused).setBody("Hello Jane").create(this.client))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(OptOuts.UNSUBSCRIBED);
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getMessage()).startsWith("Attempt to send to unsubscribed recipient");
			});
		Message.creator(otherSender).setBody("Hello from the other number").create(this.client);
		JsonNode listed = control("GET", "/_emulator/refused-sms", null, 200);

		assertThat(this.emulator.conversationMessages(refused)).isEmpty();
		assertThat(this.emulator.deliveredSms()).singleElement()
			.satisfies((sms) -> assertThat(sms.from()).isEqualTo(OTHER_NUMBER));
		assertThat(listed).singleElement().satisfies((sms) -> {
			assertThat(sms.get("conversation_sid").asString()).isEqualTo(refused);
			assertThat(sms.get("to").asString()).isEqualTo(CUSTOMER);
			assertThat(sms.get("from").asString()).isEqualTo(TWILIO_NUMBER);
			assertThat(sms.get("error_code").asInt()).isEqualTo(21610);
		});
		assertThat(this.emulator.requests("POST", ".*/Messages")).extracting(RecordedRequest::errorCode)
			.containsExactly(21610, null);
	}

	@Test
	void optOutWithoutSenderRefusesEverySenderUntilReset() {
		control("POST", "/_emulator/opt-outs", "{\"to\":\"" + CUSTOMER + "\"}", 204);
		String first = conversationWith(CUSTOMER, TWILIO_NUMBER);
		String second = conversationWith(CUSTOMER, OTHER_NUMBER);
		JsonNode optOuts = control("GET", "/_emulator/opt-outs", null, 200);

		assertThat(List.of(first, second)).allSatisfy((sid) -> assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Message.creator(sid).setBody("Hi").create(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(OptOuts.UNSUBSCRIBED)));
		assertThat(optOuts).singleElement().satisfies((optOut) -> {
			assertThat(optOut.get("from").isNull()).isTrue();
			assertThat(optOut.get("to").asString()).isEqualTo(CUSTOMER);
		});
		control("DELETE", "/_emulator/opt-outs", null, 204);
		assertThat(Message.creator(first).setBody("Hi").create(this.client).getSid()).isNotNull();
		control("POST", "/_emulator/opt-outs", "to=%2B15551230000", 204);
		control("POST", "/_emulator/faults/reset", "", 204);
		assertThat(Message.creator(second).setBody("Hi").create(this.client).getSid()).isNotNull();
		control("POST", "/_emulator/opt-outs", "{\"from\":\"" + TWILIO_NUMBER + "\"}", 400);
	}

	@Test
	void legacyChatMessageIsAcceptedButProxyDoesNotTextACustomerWhoOptedOut() {
		FlexFlow studio = this.emulator.createFlexFlow(NewFlexFlow.studio(TWILIO_NUMBER));
		String channelSid = com.twilio.rest.flexapi.v1.Channel.creator(studio.sid(), "outreach-1", "Jane", "SMS")
			.setTarget(CUSTOMER)
			.create(this.client)
			.getSid();
		Session.creator(this.emulator.defaultProxyServiceSid())
			.setUniqueName(channelSid)
			.setMode(Session.Mode.MESSAGE_ONLY)
			.setParticipants(List.of(Map.of("Identifier", CUSTOMER, "ProxyIdentifier", TWILIO_NUMBER),
					Map.of("Identifier", channelSid, "ProxyIdentifier", TWILIO_NUMBER)))
			.create(this.client);
		this.emulator.optOut(TWILIO_NUMBER, CUSTOMER);

		com.twilio.rest.chat.v2.service.channel.Message posted = com.twilio.rest.chat.v2.service.channel.Message
			.creator(studio.chatServiceSid(), channelSid)
			.setBody("Hello Jane")
			.create(this.client);
		JsonNode pairs = control("GET", "/_emulator/pairs", null, 200);

		assertThat(posted.getSid()).matches("IM[0-9a-f]{32}");
		assertThat(this.emulator.messages(channelSid)).hasSize(1);
		assertThat(this.emulator.deliveredSms()).isEmpty();
		assertThat(this.emulator.refusedSms()).singleElement().satisfies((refused) -> {
			assertThat(refused.sms().channelSid()).isEqualTo(channelSid);
			assertThat(refused.sms().sessionSid()).isNotNull();
			assertThat(refused.sms().conversationSid()).isNull();
			assertThat(refused.sms().to()).isEqualTo(CUSTOMER);
			assertThat(refused.errorCode()).isEqualTo(21610);
		});
		assertThat(pairs).singleElement().satisfies((pair) -> {
			assertThat(pair.get("messages").asInt()).isEqualTo(1);
			assertThat(pair.get("sms_delivered").asInt()).isZero();
			assertThat(pair.get("sms_refused").asInt()).isEqualTo(1);
		});
	}

	private String conversationWith(String customer, String twilioNumber) {
		String sid = Conversation.creator().create(this.client).getSid();
		Participant.creator(sid)
			.setMessagingBindingAddress(customer)
			.setMessagingBindingProxyAddress(twilioNumber)
			.create(this.client);
		return sid;
	}

	private JsonNode control(String method, String path, String body, int expectedStatus) {
		EmulatorClients.RawResponse response = EmulatorClients.control(this.emulator, method, path, body);
		assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(expectedStatus);
		return response.body();
	}

}
