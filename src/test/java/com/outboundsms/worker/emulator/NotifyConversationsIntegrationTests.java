package com.outboundsms.worker.emulator;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.client.EmulatorClients;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.Conversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.conversations.v1.conversation.Participant;
import com.twilio.rest.conversations.v1.conversation.Webhook;
import com.twilio.rest.flexapi.v1.Interaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drives Flex Conversations' "message now, task on reply" pattern with twilio-java 13: a
 * conversation with state timers, the customer's SMS participant (50416 when the binding
 * is in another open conversation, whichever API made it), a Studio webhook and the first
 * message.
 */
class NotifyConversationsIntegrationTests {

	private static final String CUSTOMER = "+15551230000";

	private static final String TWILIO_NUMBER = "+15559990000";

	private static final String FLOW_SID = "FW0123456789abcdef0123456789abcdef";

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
	void makesTheConversationItsParticipantStudioWebhookAndTextsTheFirstMessage() {
		Conversation created = Conversation.creator()
			.setFriendlyName("Outreach o-1")
			.setAttributes("{\"outreach\":\"o-1\"}")
			.setState(Conversation.State.ACTIVE)
			.setTimersInactive("PT1H")
			.setTimersClosed("P1D")
			.create(this.client);
		Participant participant = Participant.creator(created.getSid())
			.setMessagingBindingAddress(CUSTOMER)
			.setMessagingBindingProxyAddress(TWILIO_NUMBER)
			.create(this.client);
		Webhook webhook = Webhook.creator(created.getSid(), Webhook.Target.STUDIO)
			.setConfigurationFlowSid(FLOW_SID)
			.setConfigurationReplayAfter(0)
			.create(this.client);
		Message message = Message.creator(created.getSid()).setBody("Hello Jane").create(this.client);

		Map<?, ?> timers = (Map<?, ?>) created.getTimers();
		assertThat(created.getSid()).matches("CH[0-9a-f]{32}");
		assertThat(created.getState()).isEqualTo(Conversation.State.ACTIVE);
		assertThat(created.getFriendlyName()).isEqualTo("Outreach o-1");
		assertThat(created.getAttributes()).isEqualTo("{\"outreach\":\"o-1\"}");
		assertThat(ZonedDateTime.parse((String) timers.get("date_inactive")))
			.isEqualTo(created.getDateCreated().plusHours(1));
		assertThat(ZonedDateTime.parse((String) timers.get("date_closed")))
			.isEqualTo(created.getDateCreated().plusDays(1));
		assertThat(participant.getSid()).matches("MB[0-9a-f]{32}");
		assertThat(participant.getConversationSid()).isEqualTo(created.getSid());
		assertThat(participant.getIdentity()).isNull();
		assertThat(EmulatorClients.fields(participant.getMessagingBinding())).containsEntry("type", "sms")
			.containsEntry("address", CUSTOMER)
			.containsEntry("proxy_address", TWILIO_NUMBER);
		assertThat(webhook.getSid()).matches("WH[0-9a-f]{32}");
		assertThat(webhook.getTarget()).isEqualTo("studio");
		assertThat(webhook.getConversationSid()).isEqualTo(created.getSid());
		assertThat(EmulatorClients.fields(webhook.getConfiguration())).containsEntry("flow_sid", FLOW_SID)
			.containsEntry("replay_after", 0);
		assertThat(webhook.getUrl().toString())
			.endsWith("/Conversations/" + created.getSid() + "/Webhooks/" + webhook.getSid());
		assertThat(message.getIndex()).isZero();
		assertThat(this.emulator.deliveredSms()).singleElement().satisfies((sms) -> {
			assertThat(sms.conversationSid()).isEqualTo(created.getSid());
			assertThat(sms.to()).isEqualTo(CUSTOMER);
			assertThat(sms.from()).isEqualTo(TWILIO_NUMBER);
			assertThat(sms.body()).isEqualTo("Hello Jane");
		});
		assertThat(this.emulator.openConversationCount(CUSTOMER, TWILIO_NUMBER)).isEqualTo(1);
	}

	@Test
	void listsReadsAndDeletesParticipantsAndWebhooks() {
		String conversationSid = Conversation.creator().create(this.client).getSid();
		Participant sms = addCustomer(conversationSid, CUSTOMER);
		Participant agent = Participant.creator(conversationSid).setIdentity("agent-1").create(this.client);
		Webhook studio = Webhook.creator(conversationSid, Webhook.Target.STUDIO)
			.setConfigurationFlowSid(FLOW_SID)
			.create(this.client);
		Webhook url = Webhook.creator(conversationSid, Webhook.Target.WEBHOOK)
			.setConfigurationUrl("https://example.com/events")
			.setConfigurationFilters(List.of("onMessageAdded", "onConversationStateUpdated"))
			.create(this.client);

		List<String> participants = new ArrayList<>();
		Participant.reader(conversationSid).read(this.client).forEach((row) -> participants.add(row.getSid()));
		List<String> webhooks = new ArrayList<>();
		Webhook.reader(conversationSid).read(this.client).forEach((row) -> webhooks.add(row.getTarget()));
		Participant fetched = Participant.fetcher(conversationSid, agent.getSid()).fetch(this.client);
		Webhook.deleter(conversationSid, studio.getSid()).delete(this.client);
		Participant.deleter(conversationSid, agent.getSid()).delete(this.client);

		assertThat(participants).containsExactly(sms.getSid(), agent.getSid());
		assertThat(webhooks).containsExactly("studio", "webhook");
		assertThat(fetched.getIdentity()).isEqualTo("agent-1");
		assertThat(fetched.getMessagingBinding()).isNull();
		assertThat(EmulatorClients.fields(url.getConfiguration())).containsEntry("url", "https://example.com/events")
			.containsEntry("method", "post")
			.containsEntry("filters", List.of("onMessageAdded", "onConversationStateUpdated"));
		assertThat(this.emulator.conversationWebhooks(conversationSid)).extracting(ScopedWebhook::target)
			.containsExactly("webhook");
		assertThat(this.emulator.conversation(conversationSid).orElseThrow().participants()).singleElement()
			.satisfies((participant) -> assertThat(participant.sid()).isEqualTo(sms.getSid()));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Webhook.fetcher(conversationSid, studio.getSid()).fetch(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20404));
	}

	@Test
	void bindingInAnotherOpenConversationIsRefusedWith409NamingThatConversation() {
		String first = Conversation.creator().create(this.client).getSid();
		addCustomer(first, CUSTOMER);
		String second = Conversation.creator().create(this.client).getSid();

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> addCustomer(second, CUSTOMER))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(ParticipantBackend.BINDING_IN_USE);
				assertThat(ex.getStatusCode()).isEqualTo(409);
				assertThat(ex.getMessage()).isEqualTo(
						"A binding for this participant and proxy address already exists in Conversation " + first);
			});
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> addCustomer(first, CUSTOMER))
			.satisfies((ex) -> assertThat(ex.getMessage()).endsWith(first));
		assertThat(this.emulator.conversation(second).orElseThrow().participants()).isEmpty();
		assertThat(Participant.creator(second)
			.setMessagingBindingAddress(CUSTOMER)
			.setMessagingBindingProxyAddress("+15558880000")
			.create(this.client)
			.getSid()).isNotNull();
	}

	@Test
	void oneOpenConversationPerBindingWhicheverApiMadeIt() {
		String notify = Conversation.creator().create(this.client).getSid();
		addCustomer(notify, CUSTOMER);
		Interaction other = Interaction.creator(interactionChannel("+15551231111"))
			.setRouting(Map.of("properties", Map.of("workspace_sid", "WS00000000000000000000000000000001")))
			.create(this.client);
		String interactionConversation = this.emulator.interaction(other.getSid()).orElseThrow().conversationSid();
		String later = Conversation.creator().create(this.client).getSid();

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Interaction.creator(interactionChannel(CUSTOMER))
				.setRouting(Map.of("properties", Map.of("workspace_sid", "WS00000000000000000000000000000001")))
				.create(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(ConversationsBackend.ALREADY_IN_INTERACTION));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> addCustomer(later, "+15551231111"))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(ParticipantBackend.BINDING_IN_USE);
				assertThat(ex.getMessage()).endsWith(interactionConversation);
			});
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.emulator.createConversationFor(CUSTOMER, TWILIO_NUMBER));
	}

	@Test
	void closingDeletingOrRemovingTheParticipantFreesTheBinding() {
		String closed = Conversation.creator().create(this.client).getSid();
		addCustomer(closed, CUSTOMER);
		String deleted = Conversation.creator().create(this.client).getSid();
		addCustomer(deleted, "+15551231111");
		String left = Conversation.creator().create(this.client).getSid();
		Participant leaving = addCustomer(left, "+15551232222");

		Conversation.updater(closed).setState(Conversation.State.CLOSED).update(this.client);
		Conversation.deleter(deleted).delete(this.client);
		Participant.deleter(left, leaving.getSid()).delete(this.client);
		String next = Conversation.creator().create(this.client).getSid();

		assertThat(List.of(CUSTOMER, "+15551231111", "+15551232222"))
			.allSatisfy((customer) -> assertThat(addCustomer(next, customer).getConversationSid()).isEqualTo(next));
		assertThat(this.emulator.conversation(closed).orElseThrow().state()).isEqualTo("closed");
		assertThat(this.emulator.conversation(deleted)).isEmpty();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Participant.creator(closed).setIdentity("late").create(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(ConversationsBackend.CONVERSATION_CLOSED));
	}

	@Test
	void timersNeedAStateAndIsoDurationsNoShorterThanTwiliosMinimums() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Conversation.creator().setTimersClosed("PT10M").create(this.client))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(ConversationsBackend.TIMERS_NEED_STATE);
				assertThat(ex.getStatusCode()).isEqualTo(400);
			});
		for (String[] timers : List.of(new String[] { "10 minutes", "PT10M" }, new String[] { "PT30S", "PT10M" },
				new String[] { "PT1M", "PT9M" })) {
			assertThatExceptionOfType(ApiException.class)
				.isThrownBy(() -> Conversation.creator()
					.setState(Conversation.State.ACTIVE)
					.setTimersInactive(timers[0])
					.setTimersClosed(timers[1])
					.create(this.client))
				.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20001));
		}
		assertThat(this.emulator.conversations()).isEmpty();
		assertThat(Conversation.creator()
			.setState(Conversation.State.ACTIVE)
			.setTimersInactive("PT1M")
			.setTimersClosed("PT10M")
			.create(this.client)
			.getState()).isEqualTo(Conversation.State.ACTIVE);
	}

	@Test
	void webhooksNeedTheirConfigurationAndAConversationTakesAtMostFive() {
		String conversationSid = Conversation.creator().create(this.client).getSid();

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Webhook.creator(conversationSid, Webhook.Target.STUDIO).create(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20001));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Webhook.creator(conversationSid, Webhook.Target.WEBHOOK)
				.setConfigurationUrl("example.com")
				.create(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20001));
		for (int i = 0; i < ScopedWebhookBackend.MAX_PER_CONVERSATION; i++) {
			Webhook.creator(conversationSid, Webhook.Target.STUDIO)
				.setConfigurationFlowSid(FLOW_SID)
				.create(this.client);
		}
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Webhook.creator(conversationSid, Webhook.Target.STUDIO)
				.setConfigurationFlowSid(FLOW_SID)
				.create(this.client))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(ScopedWebhookBackend.TOO_MANY_WEBHOOKS);
				assertThat(ex.getStatusCode()).isEqualTo(400);
			});
		assertThat(this.emulator.conversationWebhooks(conversationSid)).hasSize(5);
	}

	@Test
	void uniqueNamesAreUniqueAndAddressTheConversation() {
		String sid = Conversation.creator().setUniqueName("outreach-o-1").create(this.client).getSid();

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Conversation.creator().setUniqueName("outreach-o-1").create(this.client))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(ConversationsBackend.UNIQUE_NAME_TAKEN);
				assertThat(ex.getStatusCode()).isEqualTo(409);
			});
		assertThat(addCustomer("outreach-o-1", CUSTOMER).getConversationSid()).isEqualTo(sid);
	}

	private Participant addCustomer(String conversationSid, String customer) {
		return Participant.creator(conversationSid)
			.setMessagingBindingAddress(customer)
			.setMessagingBindingProxyAddress(TWILIO_NUMBER)
			.create(this.client);
	}

	private static Map<String, Object> interactionChannel(String customer) {
		return Map.of("type", "sms", "initiated_by", "agent", "participants",
				List.of(Map.of("address", customer, "proxy_address", TWILIO_NUMBER)));
	}

}
