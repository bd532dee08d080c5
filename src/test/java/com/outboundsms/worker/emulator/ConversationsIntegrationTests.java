package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.outboundsms.worker.emulator.client.EmulatorClients;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.conversations.v1.ParticipantConversation;
import com.twilio.rest.conversations.v1.conversation.Message;
import com.twilio.rest.flexapi.v1.Interaction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drives the emulated Flex Conversations APIs with twilio-java 13: interaction create
 * with the 80102 rule, conversation fetch, update and delete, conversation messages and
 * an address's conversations.
 */
class ConversationsIntegrationTests {

	private static final String CUSTOMER = "+15551230000";

	private static final String TWILIO_NUMBER = "+15559990000";

	private static final String WORKSPACE = "WS00000000000000000000000000000001";

	private static final String WORKFLOW = "WW00000000000000000000000000000001";

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
	void interactionCreateMakesConversationParticipantAndTaskAndKeepsWhatArrived() {
		Interaction interaction = createInteraction(CUSTOMER);

		Map<?, ?> channel = (Map<?, ?>) interaction.getChannel();
		Map<?, ?> properties = (Map<?, ?>) ((Map<?, ?>) interaction.getRouting()).get("properties");
		JsonNode taskAttributes = Json.MAPPER.readTree((String) properties.get("attributes"));
		String conversationSid = taskAttributes.get("conversationSid").asString();

		assertThat(interaction.getSid()).matches("KD[0-9a-f]{32}");
		assertThat(channel.get("type")).isEqualTo("sms");
		assertThat((String) channel.get("sid")).matches("UO[0-9a-f]{32}");
		assertThat((String) properties.get("sid")).matches("WT[0-9a-f]{32}");
		assertThat(properties.get("workspace_sid")).isEqualTo(WORKSPACE);
		assertThat(properties.get("workflow_sid")).isEqualTo(WORKFLOW);
		assertThat(properties.get("task_channel_unique_name")).isEqualTo("sms");
		assertThat(properties.get("assignment_status")).isEqualTo("pending");
		assertThat(properties.get("date_created")).isInstanceOf(Number.class);
		assertThat(taskAttributes.get("customerAddress").asString()).isEqualTo(CUSTOMER);
		assertThat(taskAttributes.get("flexInteractionSid").asString()).isEqualTo(interaction.getSid());
		assertThat(taskAttributes.get("flexInteractionChannelSid").asString()).isEqualTo(channel.get("sid"));
		assertThat(interaction.getLinks()).containsKey("channels");
		assertThat(this.emulator.conversation(conversationSid)).hasValueSatisfying((conversation) -> {
			assertThat(conversation.state()).isEqualTo("active");
			assertThat(conversation.attributesNode().get("flexInteractionSid").asString())
				.isEqualTo(interaction.getSid());
			assertThat(conversation.attributesNode().get("flexInteractionChannelSid").asString())
				.isEqualTo(channel.get("sid"));
			assertThat(conversation.participants()).singleElement()
				.satisfies((participant) -> assertThat(participant.binding())
					.isEqualTo(new MessagingBinding(CUSTOMER, TWILIO_NUMBER)));
		});
		assertThat(this.emulator.interaction(interaction.getSid())).hasValueSatisfying((received) -> {
			assertThat(received.channel().get("initiated_by").asString()).isEqualTo("agent");
			assertThat(received.channel().get("participants").get(0).get("proxy_address").asString())
				.isEqualTo(TWILIO_NUMBER);
			assertThat(received.routing().get("properties").get("attributes").get("direction").asString())
				.isEqualTo("outbound");
			assertThat(received.conversationSid()).isEqualTo(conversationSid);
			assertThat(received.taskSid()).isEqualTo(properties.get("sid"));
		});
		assertThat(this.emulator.interactionTasks()).singleElement().satisfies((task) -> {
			assertThat(task.conversationSid()).isEqualTo(conversationSid);
			assertThat(task.routing().workspaceSid()).isEqualTo(WORKSPACE);
			assertThat(task.attributes().get("customerName").asString()).isEqualTo("Jane Doe");
		});
	}

	@Test
	void interactionIsFetchedBySidAndUnknownOnesAre404() {
		Interaction created = createInteraction(CUSTOMER);

		Interaction fetched = Interaction.fetcher(created.getSid()).fetch(this.client);

		assertThat(fetched.getRouting()).isEqualTo(created.getRouting());
		assertThat(fetched.getChannel()).isEqualTo(created.getChannel());
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Interaction.fetcher("KD00000000000000000000000000000000").fetch(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20404));
	}

	@Test
	void secondInteractionForTheSamePairIsRejectedWith80102AndCreatesNothing() {
		createInteraction(CUSTOMER);

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> createInteraction(CUSTOMER)).satisfies((ex) -> {
			assertThat(ex.getCode()).isEqualTo(80102);
			assertThat(ex.getStatusCode()).isEqualTo(ConversationsBackend.ALREADY_IN_INTERACTION_STATUS);
		});
		assertThat(this.emulator.interactions()).hasSize(1);
		assertThat(this.emulator.conversations()).hasSize(1);
		assertThat(this.emulator.interactionTasks()).hasSize(1);
		assertThat(this.emulator.participantConflicts()).isEqualTo(1);
		assertThat(createInteraction("+15551239999").getSid()).isNotNull();
	}

	@Test
	void interactionSucceedsAgainOnceTheConversationIsClosed() {
		Interaction first = createInteraction(CUSTOMER);
		String firstConversation = this.emulator.interaction(first.getSid()).orElseThrow().conversationSid();

		Conversation closed = this.emulator.closeConversation(firstConversation);
		Interaction second = createInteraction(CUSTOMER);

		assertThat(closed.state()).isEqualTo("closed");
		assertThat(closed.dateClosed()).isNotNull();
		assertThat(this.emulator.interaction(second.getSid()).orElseThrow().conversationSid())
			.isNotEqualTo(firstConversation);
		assertThat(this.emulator.interactionTask(this.emulator.interaction(first.getSid()).orElseThrow().taskSid()))
			.hasValueSatisfying((task) -> assertThat(task.status()).isEqualTo("completed"));
		assertThat(this.emulator.openConversationCount(CUSTOMER, TWILIO_NUMBER)).isEqualTo(1);
	}

	@Test
	void seededConversationTriggers80102AndIsListedForTheAddress() {
		Conversation seeded = this.emulator.createConversationFor(CUSTOMER, TWILIO_NUMBER);

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> createInteraction(CUSTOMER))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(80102));
		List<ParticipantConversation> listed = new ArrayList<>();
		ParticipantConversation.reader().setAddress(CUSTOMER).read(this.client).forEach(listed::add);

		assertThat(listed).singleElement().satisfies((row) -> {
			assertThat(row.getConversationSid()).isEqualTo(seeded.sid());
			assertThat(row.getConversationState()).isEqualTo(ParticipantConversation.State.ACTIVE);
			assertThat(row.getParticipantSid()).isEqualTo(seeded.participants().get(0).sid());
			Map<?, ?> binding = (Map<?, ?>) row.getParticipantMessagingBinding();
			assertThat(binding.get("address")).isEqualTo(CUSTOMER);
			assertThat(binding.get("proxy_address")).isEqualTo(TWILIO_NUMBER);
			assertThat(binding.get("type")).isEqualTo("sms");
		});
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.emulator.createConversationFor(CUSTOMER, TWILIO_NUMBER));
	}

	@Test
	void twoConcurrentCreatesForOnePairMakeExactlyOneInteraction() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch ready = new CountDownLatch(2);
		try {
			List<CompletableFuture<Integer>> answers = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				answers.add(CompletableFuture.supplyAsync(() -> {
					ready.countDown();
					awaitQuietly(ready);
					try {
						createInteraction(CUSTOMER);
						return 200;
					}
					catch (ApiException ex) {
						return ex.getCode();
					}
				}, pool));
			}
			List<Integer> codes = new ArrayList<>();
			for (CompletableFuture<Integer> answer : answers) {
				codes.add(answer.get(30, TimeUnit.SECONDS));
			}

			assertThat(codes).containsExactlyInAnyOrder(200, 80102);
			assertThat(this.emulator.conversations()).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void interactionCreateValidatesChannelAndRouting() {
		Map<String, Object> noProxy = Map.of("type", "sms", "participants", List.of(Map.of("address", CUSTOMER)));
		Map<String, Object> noWorkspace = Map.of("properties", Map.of("workflow_sid", WORKFLOW));

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Interaction.creator(noProxy).setRouting(routing(CUSTOMER)).create(this.client))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(20001);
				assertThat(ex.getStatusCode()).isEqualTo(400);
			});
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Interaction.creator(channel(CUSTOMER)).setRouting(noWorkspace).create(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20001));
		EmulatorClients.RawResponse notJson = EmulatorClients.post(this.emulator, "/flex-api/v1/Interactions",
				List.of(Map.entry("Channel", "{type:sms")));
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.body().get("code").asInt()).isEqualTo(20001);
		assertThat(this.emulator.conversations()).isEmpty();
	}

	@Test
	void conversationIsFetchedUpdatedToClosedAndDeleted() {
		String conversationSid = conversationOf(createInteraction(CUSTOMER));

		com.twilio.rest.conversations.v1.Conversation fetched = com.twilio.rest.conversations.v1.Conversation
			.fetcher(conversationSid)
			.fetch(this.client);
		com.twilio.rest.conversations.v1.Conversation updated = com.twilio.rest.conversations.v1.Conversation
			.updater(conversationSid)
			.setState(com.twilio.rest.conversations.v1.Conversation.State.CLOSED)
			.setFriendlyName("done")
			.update(this.client);

		assertThat(fetched.getState()).isEqualTo(com.twilio.rest.conversations.v1.Conversation.State.ACTIVE);
		assertThat(fetched.getAttributes()).contains("flexInteractionSid");
		assertThat(fetched.getChatServiceSid()).isEqualTo(this.emulator.defaultChatServiceSid());
		assertThat(updated.getState()).isEqualTo(com.twilio.rest.conversations.v1.Conversation.State.CLOSED);
		assertThat(updated.getFriendlyName()).isEqualTo("done");
		assertThat(((Map<?, ?>) updated.getTimers()).get("date_closed")).isNotNull();
		assertThat(this.emulator.openConversationCount(CUSTOMER, TWILIO_NUMBER)).isZero();
		assertThat(createInteraction(CUSTOMER).getSid()).isNotNull();
		assertThat(com.twilio.rest.conversations.v1.Conversation.deleter(conversationSid).delete(this.client)).isTrue();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> com.twilio.rest.conversations.v1.Conversation.fetcher(conversationSid).fetch(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20404));
	}

	@Test
	void messagesAreTextedToTheCustomerAndListedInEitherOrder() {
		String conversationSid = conversationOf(createInteraction(CUSTOMER));

		Message first = Message.creator(conversationSid)
			.setBody("Hello Jane")
			.setAttributes("{\"outreach\":\"o-1\"}")
			.create(this.client);
		Message second = Message.creator(conversationSid)
			.setBody("Still there?")
			.setAuthor("agent")
			.create(this.client);
		List<String> descending = new ArrayList<>();
		Message.reader(conversationSid)
			.setOrder(Message.OrderType.DESC)
			.read(this.client)
			.forEach((message) -> descending.add(message.getBody()));
		List<String> ascending = new ArrayList<>();
		Message.reader(conversationSid).read(this.client).forEach((message) -> ascending.add(message.getBody()));

		assertThat(first.getSid()).matches("IM[0-9a-f]{32}");
		assertThat(first.getIndex()).isZero();
		assertThat(first.getAuthor()).isEqualTo("system");
		assertThat(first.getAttributes()).isEqualTo("{\"outreach\":\"o-1\"}");
		assertThat(first.getConversationSid()).isEqualTo(conversationSid);
		assertThat(second.getIndex()).isEqualTo(1);
		assertThat(second.getAuthor()).isEqualTo("agent");
		assertThat(descending).containsExactly("Still there?", "Hello Jane");
		assertThat(ascending).containsExactly("Hello Jane", "Still there?");
		assertThat(this.emulator.conversationMessages(conversationSid)).extracting(ConversationMessage::body)
			.containsExactly("Hello Jane", "Still there?");
		assertThat(this.emulator.deliveredSms()).hasSize(2).first().satisfies((sms) -> {
			assertThat(sms.to()).isEqualTo(CUSTOMER);
			assertThat(sms.from()).isEqualTo(TWILIO_NUMBER);
			assertThat(sms.body()).isEqualTo("Hello Jane");
			assertThat(sms.channelSid()).isEqualTo(conversationSid);
			assertThat(sms.sessionSid()).isNull();
		});
	}

	@Test
	void messageToAClosedConversationIsRejected() {
		String conversationSid = conversationOf(createInteraction(CUSTOMER));
		this.emulator.closeConversation(conversationSid);

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Message.creator(conversationSid).setBody("too late").create(this.client))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(ConversationsBackend.CONVERSATION_CLOSED);
				assertThat(ex.getStatusCode()).isEqualTo(400);
			});
		assertThat(this.emulator.conversationMessages(conversationSid)).isEmpty();
		assertThat(this.emulator.deliveredSms()).isEmpty();
	}

	@Test
	void participantConversationsListEveryConversationOfTheAddressWithItsState() {
		String closedSid = conversationOf(createInteraction(CUSTOMER));
		this.emulator.closeConversation(closedSid);
		String openSid = conversationOf(createInteraction(CUSTOMER));
		createInteraction("+15551239999");

		Map<String, ParticipantConversation.State> states = new LinkedHashMap<>();
		ParticipantConversation.reader()
			.setAddress(CUSTOMER)
			.setPageSize(1L)
			.read(this.client)
			.forEach((row) -> states.put(row.getConversationSid(), row.getConversationState()));

		assertThat(states).containsExactly(Map.entry(closedSid, ParticipantConversation.State.CLOSED),
				Map.entry(openSid, ParticipantConversation.State.ACTIVE));
		assertThat(this.emulator.requests("GET", "/conversations/v1/ParticipantConversations"))
			.extracting((request) -> request.query().first("PageToken"))
			.containsExactly(null, "PT1");
	}

	@Test
	void newEndpointsGoThroughAuthenticationFaultsAndTheRequestLog() {
		this.emulator.faults().failNext("POST", "/flex-api/v1/Interactions", 503, 20503, "Service unavailable", 1);
		TwilioRestClient wrong = EmulatorClients.twilio(this.emulator, this.emulator.accountSid(), "wrong");

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> ParticipantConversation.reader().setAddress(CUSTOMER).read(wrong).iterator())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20003));
		EmulatorClients.RawResponse failed = EmulatorClients.post(this.emulator, "/flex-api/v1/Interactions",
				List.of(Map.entry("Channel", "{\"type\":\"sms\"}")));

		assertThat(failed.status()).isEqualTo(503);
		assertThat(this.emulator.conversations()).isEmpty();
		assertThat(this.emulator.requests()).extracting(RecordedRequest::template, RecordedRequest::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("/conversations/v1/ParticipantConversations", 401),
					org.assertj.core.groups.Tuple.tuple("/flex-api/v1/Interactions", 503));
	}

	private Interaction createInteraction(String customer) {
		return Interaction.creator(channel(customer)).setRouting(routing(customer)).create(this.client);
	}

	private String conversationOf(Interaction interaction) {
		return this.emulator.interaction(interaction.getSid()).orElseThrow().conversationSid();
	}

	private static Map<String, Object> channel(String customer) {
		return Map.of("type", "sms", "initiated_by", "agent", "participants",
				List.of(Map.of("address", customer, "proxy_address", TWILIO_NUMBER)));
	}

	private static Map<String, Object> routing(String customer) {
		Map<String, Object> attributes = Map.of("to", customer, "from", TWILIO_NUMBER, "direction", "outbound",
				"customerName", "Jane Doe", "customerAddress", customer, "twilioNumber", TWILIO_NUMBER, "channelType",
				"sms");
		return Map.of("properties", Map.of("workspace_sid", WORKSPACE, "workflow_sid", WORKFLOW,
				"task_channel_unique_name", "sms", "attributes", attributes));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
