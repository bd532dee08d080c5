package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.outboundsms.worker.emulator.client.EmulatorClients;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.chat.v2.service.Channel;
import com.twilio.rest.chat.v2.service.channel.Message;
import com.twilio.rest.chat.v2.service.user.UserChannel;
import com.twilio.rest.proxy.v1.service.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drives the emulated Chat v2 API with twilio-java 13: channel fetch and update, message
 * create and list, and the SMS Proxy relays for a bound channel.
 */
class ChatIntegrationTests {

	private static final String CUSTOMER = "+15551230000";

	private static final String TWILIO_NUMBER = "+15559990000";

	private TwilioEmulator emulator;

	private TwilioRestClient client;

	private String chatServiceSid;

	private String channelSid;

	@BeforeEach
	void start() {
		this.emulator = TwilioEmulator.start();
		this.client = EmulatorClients.twilio(this.emulator);
		FlexFlow flow = this.emulator.createFlexFlow(TWILIO_NUMBER);
		this.chatServiceSid = flow.chatServiceSid();
		this.channelSid = com.twilio.rest.flexapi.v1.Channel.creator(flow.sid(), "id", "Jane Doe", "SMS" + CUSTOMER)
			.setTarget(CUSTOMER)
			.setChatUniqueName("unique-" + CUSTOMER)
			.create(this.client)
			.getSid();
	}

	@AfterEach
	void stop() {
		this.emulator.close();
	}

	@Test
	void channelIsFetchedBySidOrUniqueName() {
		Channel bySid = Channel.fetcher(this.chatServiceSid, this.channelSid).fetch(this.client);
		Channel byName = Channel.fetcher(this.chatServiceSid, "unique-" + CUSTOMER).fetch(this.client);

		assertThat(byName.getSid()).isEqualTo(bySid.getSid()).isEqualTo(this.channelSid);
		assertThat(bySid.getType()).isEqualTo(Channel.ChannelType.PRIVATE);
		assertThat(bySid.getAttributes()).contains("\"status\":\"ACTIVE\"");
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Channel.fetcher("IS00000000000000000000000000000000", this.channelSid).fetch(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20404));
	}

	@Test
	void updateReplacesTheWholeAttributesString() {
		Channel updated = Channel.updater(this.chatServiceSid, this.channelSid)
			.setAttributes("{\"status\":\"INACTIVE\",\"custom\":1}")
			.update(this.client);

		assertThat(updated.getAttributes()).isEqualTo("{\"status\":\"INACTIVE\",\"custom\":1}");
		assertThat(this.emulator.chatChannel(this.channelSid)).hasValueSatisfying((chat) -> {
			assertThat(chat.isActive()).isFalse();
			assertThat(chat.attributesNode().has("forwarding")).isFalse();
		});
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> Channel.updater(this.chatServiceSid, this.channelSid)
				.setAttributes("not json")
				.update(this.client))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(400));
	}

	@Test
	void messagesAreAppendedAndListedInEitherOrder() {
		Message first = Message.creator(this.chatServiceSid, this.channelSid).setBody("one").create(this.client);
		Message second = Message.creator(this.chatServiceSid, this.channelSid)
			.setBody("two")
			.setFrom("agent")
			.create(this.client);

		List<String> ascending = new ArrayList<>();
		Message.reader(this.chatServiceSid, this.channelSid)
			.read(this.client)
			.forEach((m) -> ascending.add(m.getBody()));
		List<String> descending = new ArrayList<>();
		Message.reader(this.chatServiceSid, this.channelSid)
			.setOrder(Message.OrderType.DESC)
			.read(this.client)
			.forEach((m) -> descending.add(m.getBody()));

		assertThat(first.getIndex()).isZero();
		assertThat(first.getFrom()).isEqualTo("system");
		assertThat(first.getTo()).isEqualTo(this.channelSid);
		assertThat(first.getType()).isEqualTo("text");
		assertThat(second.getIndex()).isEqualTo(1);
		assertThat(second.getFrom()).isEqualTo("agent");
		assertThat(ascending).containsExactly("one", "two");
		assertThat(descending).containsExactly("two", "one");
		assertThat(Channel.fetcher(this.chatServiceSid, this.channelSid).fetch(this.client).getMessagesCount())
			.isEqualTo(2);
	}

	@Test
	void messageInABoundChannelIsRelayedAsSmsAndMovesTheSessionInProgress() {
		Session session = Session.creator(this.emulator.defaultProxyServiceSid())
			.setUniqueName(this.channelSid)
			.setMode(Session.Mode.MESSAGE_ONLY)
			.setParticipants(
					List.of(Map.of("Identifier", CUSTOMER, "ProxyIdentifier", TWILIO_NUMBER, "FriendlyName", "Jane"),
							Map.of("Identifier", this.channelSid, "ProxyIdentifier", TWILIO_NUMBER, "FriendlyName",
									"Jane")))
			.create(this.client);

		Message.creator(this.chatServiceSid, this.channelSid).setBody("Hello Jane").create(this.client);

		assertThat(this.emulator.deliveredSms()).singleElement().satisfies((sms) -> {
			assertThat(sms.to()).isEqualTo(CUSTOMER);
			assertThat(sms.from()).isEqualTo(TWILIO_NUMBER);
			assertThat(sms.body()).isEqualTo("Hello Jane");
			assertThat(sms.sessionSid()).isEqualTo(session.getSid());
		});
		assertThat(this.emulator.session(session.getSid()))
			.hasValueSatisfying((s) -> assertThat(s.status()).isEqualTo("in-progress"));
	}

	@Test
	void listsTheChannelsOfAUserFoundByIdentityOrSid() {
		FlexFlow flow = this.emulator.flows().get(0);
		String second = com.twilio.rest.flexapi.v1.Channel.creator(flow.sid(), "id", "Jane Doe", "SMS")
			.setTarget("+15551239999")
			.create(this.client)
			.getSid();
		String userSid = this.emulator.chatUser(this.chatServiceSid, "id").orElseThrow().sid();

		List<UserChannel> byIdentity = new ArrayList<>();
		UserChannel.reader(this.chatServiceSid, "id").read(this.client).forEach(byIdentity::add);
		List<UserChannel> bySid = new ArrayList<>();
		UserChannel.reader(this.chatServiceSid, userSid).read(this.client).forEach(bySid::add);

		assertThat(byIdentity).extracting(UserChannel::getChannelSid).containsExactly(this.channelSid, second);
		assertThat(bySid).extracting(UserChannel::getChannelSid).containsExactly(this.channelSid, second);
		assertThat(byIdentity).allSatisfy((membership) -> {
			assertThat(membership.getUserSid()).isEqualTo(userSid);
			assertThat(membership.getStatus()).isEqualTo(UserChannel.ChannelStatus.JOINED);
			assertThat(membership.getMemberSid()).matches("MB[0-9a-f]{32}");
		});
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> UserChannel.reader(this.chatServiceSid, "+15550000000").firstPage(this.client))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(20404));
	}

	@Test
	void seedsFlexsOwnConversationOnTheNumbersStudioFlowUnderTheCustomersAddress() {
		InboundConversation inbound = this.emulator.seedInboundConversation(TWILIO_NUMBER, CUSTOMER);

		FlexFlow studio = this.emulator.flows()
			.stream()
			.filter((flow) -> flow.sid().equals(inbound.flexFlowSid()))
			.findFirst()
			.orElseThrow();
		assertThat(studio.integrationType()).isEqualTo("studio");
		assertThat(studio.contactIdentity()).isEqualTo(TWILIO_NUMBER);
		List<UserChannel> channels = new ArrayList<>();
		UserChannel.reader(this.chatServiceSid, CUSTOMER).read(this.client).forEach(channels::add);
		assertThat(channels).extracting(UserChannel::getChannelSid).containsExactly(inbound.channelSid());
		Channel chat = Channel.fetcher(this.chatServiceSid, inbound.channelSid()).fetch(this.client);
		assertThat(chat.getAttributes()).contains("\"status\":\"ACTIVE\"")
			.contains("\"proxySession\":\"" + inbound.sessionSid() + "\"");
		assertThat(this.emulator.session(inbound.sessionSid()).orElseThrow().isActive()).isTrue();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.emulator.seedInboundConversation(TWILIO_NUMBER, CUSTOMER));
	}

	@Test
	void messageInAChannelWithoutActiveSessionIsNotRelayed() {
		Message.creator(this.chatServiceSid, this.channelSid).setBody("nobody listens").create(this.client);

		assertThat(this.emulator.messages(this.channelSid)).hasSize(1);
		assertThat(this.emulator.deliveredSms()).isEmpty();
	}

}
