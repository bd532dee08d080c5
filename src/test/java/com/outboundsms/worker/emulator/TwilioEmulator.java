package com.outboundsms.worker.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A running Twilio emulator: the HTTP server and the Java API that seeds, inspects and
 * closes its state, moves its clock, reads its request log and switches its faults.
 * Thread-safe; close it to stop the server.
 *
 * <p>
 * Java-API calls that name an unknown resource throw {@link IllegalArgumentException}.
 */
public final class TwilioEmulator implements AutoCloseable {

	private final EmulatorServer server;

	private final EmulatorSettings settings;

	private final EmulatorState state;

	private final FlexBackend flex;

	private final ProxyBackend proxy;

	private final ConversationsBackend conversations;

	private final InteractionBackend interactions;

	private final TimerBackend timers;

	private final StateWebhookSender stateWebhooks;

	private final ChannelJanitor janitor;

	private final InboundConversations inbound;

	private final RequestLog log = new RequestLog();

	private final FaultPlan faults = new FaultPlan();

	private TwilioEmulator(EmulatorSettings settings) throws IOException {
		this.settings = settings;
		this.state = new EmulatorState(settings.clock(), settings.accountSid());
		this.flex = new FlexBackend(this.state);
		this.proxy = new ProxyBackend(this.state);
		this.janitor = new ChannelJanitor(this.state, this.proxy);
		this.stateWebhooks = new StateWebhookSender(settings.accountSid());
		this.conversations = new ConversationsBackend(this.state, this.stateWebhooks);
		this.interactions = new InteractionBackend(this.state, this.conversations);
		this.timers = new TimerBackend(this.state, this.conversations);
		this.inbound = new InboundConversations(this.state, this.flex, this.proxy);
		ConversationsViews conversationsViews = new ConversationsViews(this.state);
		Routes twilio = new Routes();
		new FlexHandler(this.state, this.flex, new FlexViews(settings.accountSid())).register(twilio);
		new ProxyHandler(this.proxy, new ProxyViews(settings.accountSid())).register(twilio);
		new ChatHandler(new ChatBackend(this.state), new ChatViews(settings.accountSid())).register(twilio);
		new InteractionHandler(this.interactions, conversationsViews).register(twilio);
		new ConversationsHandler(this.conversations, new MessageBackend(this.state, this.conversations),
				conversationsViews)
			.register(twilio);
		new ParticipantHandler(new ParticipantBackend(this.state, this.conversations), conversationsViews)
			.register(twilio);
		new ScopedWebhookHandler(new ScopedWebhookBackend(this.state, this.conversations), conversationsViews)
			.register(twilio);
		new IamHandler(this.state).register(twilio);
		new TaskRouterHandler(new TaskRouterBackend(this.state, this.janitor), new TaskRouterViews(this.state))
			.register(twilio);
		Routes control = new Routes();
		new ControlHandler(this.state, this.flex, this.janitor, this.conversations, this.log, this.faults,
				new BulkSeeder(this.state, this.flex, this.proxy), this.inbound)
			.register(control);
		new NotifyControlHandler(this.state, this.stateWebhooks, settings.authToken(), this::applyDue)
			.register(control);
		this.server = new EmulatorServer(settings.host(), settings.port(), settings.threads(),
				new EmulatorHttpHandler(twilio, control, this.state, settings, this.faults, this.log, this::applyDue));
	}

	/**
	 * Starts an emulator; it listens until {@link #close()}.
	 * @throws UncheckedIOException when the address cannot be bound
	 */
	public static TwilioEmulator start(EmulatorSettings settings) {
		try {
			return new TwilioEmulator(settings);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"Cannot start the Twilio emulator on " + settings.host() + ":" + settings.port(), ex);
		}
	}

	public static TwilioEmulator start() {
		return start(EmulatorSettings.defaults());
	}

	/**
	 * Returns e.g. {@code http://127.0.0.1:54321}; {@code https://{sub}.twilio.com{path}}
	 * maps to {@code baseUrl() + "/{sub}{path}"}.
	 */
	public String baseUrl() {
		return "http://" + this.settings.host() + ":" + port();
	}

	public int port() {
		return this.server.port();
	}

	public String accountSid() {
		return this.settings.accountSid();
	}

	public String authToken() {
		return this.settings.authToken();
	}

	public String defaultProxyServiceSid() {
		return this.state.defaultProxyServiceSid();
	}

	public String defaultChatServiceSid() {
		return this.state.defaultChatServiceSid();
	}

	public String createProxyService(String uniqueName) {
		return locked(() -> this.proxy.createService(uniqueName));
	}

	/**
	 * Seeds an outbound-SMS task flow for a Twilio number (see
	 * {@link NewFlexFlow#sms(String)}).
	 */
	public FlexFlow createFlexFlow(String contactIdentity) {
		return createFlexFlow(NewFlexFlow.sms(contactIdentity));
	}

	public FlexFlow createFlexFlow(NewFlexFlow flow) {
		return locked(() -> this.flex.createFlow(flow));
	}

	/**
	 * Deletes a flow as the Flex API does; its channels stay, and channel creates naming
	 * it are answered 404 (45205).
	 */
	public void deleteFlexFlow(String flowSid) {
		locked(() -> {
			this.flex.deleteFlow(flowSid);
			return null;
		});
	}

	public List<FlexFlow> flows() {
		return locked(this.state.flex::flows);
	}

	public List<FlexChannel> flexChannels() {
		return locked(this.state.flex::channels);
	}

	public List<ChatChannel> chatChannels() {
		return locked(this.state.chat::channels);
	}

	public Optional<ChatChannel> chatChannel(String channelSid) {
		return locked(() -> Optional.ofNullable(this.state.chat.channel(channelSid)));
	}

	/**
	 * Counts the channels of a flow for a target whose chat attributes say
	 * {@code ACTIVE}.
	 */
	public long activeChannelCount(String flowSid, String target) {
		return locked(() -> this.state.flex.channels()
			.stream()
			.filter((channel) -> channel.flexFlowSid().equals(flowSid) && target.equals(channel.target()))
			.filter((channel) -> {
				ChatChannel chat = this.state.chat.channel(channel.sid());
				return chat != null && chat.isActive();
			})
			.count());
	}

	/**
	 * Seeds the conversation Flex makes when the customer texts the number first: on the
	 * number's Studio flow (another flow than the outbound task flow), with the
	 * customer's chat user named after their address and an active Proxy session.
	 * @throws IllegalArgumentException when the customer is already in an active session
	 * on the number
	 */
	public InboundConversation seedInboundConversation(String twilioNumber, String customer) {
		return locked(() -> this.inbound.seed(twilioNumber, customer));
	}

	/**
	 * Returns the SID of the TaskRouter workspace Flex's configuration names, which holds
	 * the tasks Flex channels make.
	 */
	public String flexWorkspaceSid() {
		return this.state.flexInstance.workspaceSid();
	}

	/**
	 * Finds a chat user of a service by SID or identity.
	 */
	public Optional<ChatUser> chatUser(String serviceSid, String sidOrIdentity) {
		return locked(() -> Optional.ofNullable(this.state.chat.user(serviceSid, sidOrIdentity)));
	}

	/**
	 * Counts channel creates answered with an existing ACTIVE channel.
	 */
	public int channelReuses() {
		return locked(this.state.flex::channelReuses);
	}

	public List<FlexTask> tasks() {
		return locked(this.state.flex::tasks);
	}

	public Optional<FlexTask> task(String taskSid) {
		return locked(() -> Optional.ofNullable(this.state.flex.task(taskSid)));
	}

	public List<ProxySession> sessions() {
		return locked(this.state.proxy::sessions);
	}

	public Optional<ProxySession> session(String sessionSid) {
		return locked(() -> Optional.ofNullable(this.state.proxy.session(sessionSid)));
	}

	public List<ChatMessage> messages(String channelSid) {
		return locked(() -> this.state.chat.messages(channelSid));
	}

	public List<DeliveredSms> deliveredSms() {
		return locked(this.state.chat::delivered);
	}

	/**
	 * Ends a conversation as an agent or the Channel Janitor does: channel INACTIVE, its
	 * Proxy session closed, its task completed.
	 */
	public ChatChannel closeChannel(String channelSid) {
		return locked(() -> this.janitor.closeChannel(channelSid));
	}

	public ProxySession closeSession(String sessionSid) {
		return locked(() -> this.janitor.closeSession(sessionSid));
	}

	public ProxySession closeSession(String serviceSid, String sessionSid) {
		return locked(() -> this.proxy.close(this.proxy.session(serviceSid, sessionSid), "api"));
	}

	public void deleteSession(String sessionSid) {
		locked(() -> {
			this.janitor.deleteSession(sessionSid);
			return null;
		});
	}

	/**
	 * Sets how interaction creates are answered from now on (see
	 * {@link InteractionSetup}); interactions already waiting are set up under the new
	 * delay. {@link #reset()} restores {@link InteractionSetup#immediate()}.
	 */
	public void setUpInteractions(InteractionSetup setup) {
		locked(() -> {
			this.state.conversations.setup(setup);
			return null;
		});
	}

	public InteractionSetup interactionSetup() {
		return locked(this.state.conversations::setup);
	}

	// reads of interactions and conversations first set up what has come due

	public List<Interaction> interactions() {
		return settled(this.state.conversations::interactions);
	}

	public Optional<Interaction> interaction(String interactionSid) {
		return settled(() -> Optional.ofNullable(this.state.conversations.interaction(interactionSid)));
	}

	public List<Conversation> conversations() {
		return settled(this.state.conversations::conversations);
	}

	/**
	 * Finds a conversation by SID or unique name.
	 */
	public Optional<Conversation> conversation(String conversationSid) {
		return settled(() -> Optional.ofNullable(this.state.conversations.conversation(conversationSid)));
	}

	public List<ConversationMessage> conversationMessages(String conversationSid) {
		return settled(() -> this.state.conversations.messages(conversationSid));
	}

	/**
	 * Lists the tasks that interactions created, in creation order.
	 */
	public List<InteractionTask> interactionTasks() {
		return settled(this.state.conversations::tasks);
	}

	public Optional<InteractionTask> interactionTask(String taskSid) {
		return settled(() -> Optional.ofNullable(this.state.conversations.task(taskSid)));
	}

	/**
	 * Counts the conversations, not closed, that have the customer address on the proxy
	 * address (at most one while the 80102 rule holds).
	 */
	public long openConversationCount(String customerAddress, String proxyAddress) {
		MessagingBinding pair = new MessagingBinding(customerAddress, proxyAddress);
		return settled(() -> this.state.conversations.conversations()
			.stream()
			.filter((conversation) -> !conversation.isClosed() && conversation.hasParticipant(pair))
			.count());
	}

	/**
	 * Counts interactions refused the customer because it was already in an open
	 * conversation on that number: creates answered with 80102, and, set up later,
	 * channels failed with it.
	 */
	public int participantConflicts() {
		return settled(this.state.conversations::participantConflicts);
	}

	/**
	 * Seeds an active conversation with the customer as SMS participant, as Flex makes
	 * one for an inbound text, so the worker meets 80102 and its reuse path.
	 * @throws IllegalArgumentException when the pair is already in an open conversation
	 */
	public Conversation createConversationFor(String customerAddress, String proxyAddress) {
		return settled(
				() -> this.conversations.createConversationFor(new MessagingBinding(customerAddress, proxyAddress)));
	}

	/**
	 * Seeds what Flex makes for a customer's inbound text, whatever the
	 * {@link InteractionSetup}: an interaction, its active conversation with the customer
	 * (whose attributes name the interaction) and its pending task.
	 * @throws IllegalArgumentException when the pair is already in an open conversation
	 */
	public Interaction createInboundInteraction(String customerAddress, String proxyAddress) {
		return settled(() -> this.interactions.createInbound(new MessagingBinding(customerAddress, proxyAddress)));
	}

	/**
	 * Closes a conversation as an agent wrapping up does: state {@code closed}, the pair
	 * free for a new interaction, the interaction's task completed.
	 */
	public Conversation closeConversation(String conversationSid) {
		return settled(() -> this.conversations.close(conversationSid));
	}

	/**
	 * Issues a Flex user token that the token validation endpoint answers as valid until
	 * it expires; a negative lifetime gives a token that is already expired.
	 * @param identity the agent's identity
	 * @param lifetime how long the token is valid from now
	 * @return the token and what validation tells about it
	 */
	public FlexToken issueFlexToken(String identity, Duration lifetime) {
		return locked(() -> this.state.tokens.issue(this.state.accountSid(), identity, this.state.now(),
				this.state.now().plus(lifetime)));
	}

	/**
	 * Lists a conversation's scoped webhooks (Studio flows, URLs), oldest first.
	 */
	public List<ScopedWebhook> conversationWebhooks(String conversationSid) {
		return settled(() -> this.state.conversations.webhooks(this.conversations.conversation(conversationSid).sid()));
	}

	/**
	 * Opts a customer out of one Twilio number's messages, or of every sender's when
	 * {@code from} is {@code null}, as a STOP reply does: conversation messages to it are
	 * refused with 400/21610, and chat messages Proxy would relay are accepted but not
	 * texted.
	 */
	public void optOut(@Nullable String from, String to) {
		locked(() -> {
			this.state.optOuts.add(from, to);
			return null;
		});
	}

	public void clearOptOuts() {
		locked(() -> {
			this.state.optOuts.clear();
			return null;
		});
	}

	/**
	 * Lists the SMS not texted because the customer opted out, oldest first.
	 */
	public List<RefusedSms> refusedSms() {
		return locked(this.state.chat::refused);
	}

	/**
	 * Moves the emulator's clock forward and applies what came due on the way
	 * (conversation timers, deferred interaction setups); time never goes back, not even
	 * on {@link #reset()}.
	 */
	public void advanceClock(Duration by) {
		locked(() -> {
			this.state.advance(by);
			applyDue();
			return null;
		});
	}

	public Instant now() {
		return this.state.now();
	}

	/**
	 * Posts Twilio's {@code onConversationStateUpdated} webhook to {@code url}, signed
	 * with the emulator's auth token, for every conversation state change from now on.
	 */
	public void postConversationStateChangesTo(String url) {
		postConversationStateChangesTo(url, this.settings.authToken());
	}

	public void postConversationStateChangesTo(String url, String authToken) {
		try {
			this.stateWebhooks.target(url, authToken);
		}
		catch (TwilioApiException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

	/**
	 * Lists the state webhooks posted so far, each once it succeeded or was given up.
	 */
	public List<StateWebhookDelivery> stateWebhookDeliveries() {
		return this.stateWebhooks.deliveries();
	}

	/**
	 * Forgets all flows, channels, tasks, sessions, interactions, conversations,
	 * messages, opt-outs, requests, faults and the state webhook, and sets interactions
	 * up immediately again, so one running emulator can serve many tests; Proxy services,
	 * the default SIDs and the clock stay.
	 */
	public void reset() {
		locked(() -> {
			this.state.flex.clear();
			this.state.chat.clear();
			this.state.proxy.clearSessions();
			this.state.conversations.clear();
			this.state.tokens.clear();
			this.state.optOuts.clear();
			return null;
		});
		this.log.clear();
		this.faults.reset();
		this.stateWebhooks.reset();
	}

	public FaultPlan faults() {
		return this.faults;
	}

	public RequestLog requestLog() {
		return this.log;
	}

	public List<RecordedRequest> requests() {
		return this.log.all();
	}

	public List<RecordedRequest> requests(String method, String pathRegex) {
		return this.log.matching(method, pathRegex);
	}

	public int count(String method, String pathRegex) {
		return this.log.count(method, pathRegex);
	}

	public void clearRequests() {
		this.log.clear();
	}

	@Override
	public void close() {
		this.server.close();
		this.stateWebhooks.close();
	}

	/** Does what has come due by the emulator's clock; callers hold the state lock. */
	private void applyDue() {
		this.interactions.setUpDue();
		this.timers.applyDue();
	}

	private <T> T settled(Supplier<T> work) {
		return locked(() -> {
			applyDue();
			return work.get();
		});
	}

	private <T> T locked(Supplier<T> work) {
		try {
			return this.state.atomically(work);
		}
		catch (TwilioApiException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
	}

}
