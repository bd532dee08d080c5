package com.outboundsms.worker.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Holds the Flex Flows, Flex Channels and tasks, in creation order. Not thread-safe:
 * callers hold the state lock.
 */
final class FlexStore {

	private final Map<String, FlexFlow> flows = new LinkedHashMap<>();

	private final Map<String, FlexChannel> channels = new LinkedHashMap<>();

	private final Map<String, FlexTask> tasks = new LinkedHashMap<>();

	private final SidIndex byTarget = new SidIndex();

	private int channelReuses;

	void clear() {
		this.flows.clear();
		this.channels.clear();
		this.tasks.clear();
		this.byTarget.clear();
		this.channelReuses = 0;
	}

	void add(FlexFlow flow) {
		this.flows.put(flow.sid(), flow);
	}

	@Nullable FlexFlow flow(String sid) {
		return this.flows.get(sid);
	}

	void removeFlow(String sid) {
		this.flows.remove(sid);
	}

	List<FlexFlow> flows() {
		return new ArrayList<>(this.flows.values());
	}

	void add(FlexChannel channel) {
		this.channels.put(channel.sid(), channel);
		if (channel.target() != null) {
			this.byTarget.add(List.of(channel.flexFlowSid(), channel.target()), channel.sid());
		}
	}

	@Nullable FlexChannel channel(String sid) {
		return this.channels.get(sid);
	}

	List<FlexChannel> channels() {
		return new ArrayList<>(this.channels.values());
	}

	/** The channels of a flow created for a target, oldest first. */
	List<FlexChannel> channels(String flowSid, String target) {
		return this.byTarget.get(List.of(flowSid, target)).stream().map(this.channels::get).toList();
	}

	void removeChannel(String sid) {
		FlexChannel removed = this.channels.remove(sid);
		if (removed != null && removed.target() != null) {
			this.byTarget.remove(List.of(removed.flexFlowSid(), removed.target()), sid);
		}
	}

	void put(FlexTask task) {
		this.tasks.put(task.sid(), task);
	}

	@Nullable FlexTask task(String sid) {
		return this.tasks.get(sid);
	}

	List<FlexTask> tasks() {
		return new ArrayList<>(this.tasks.values());
	}

	void countReuse() {
		this.channelReuses++;
	}

	int channelReuses() {
		return this.channelReuses;
	}

}
