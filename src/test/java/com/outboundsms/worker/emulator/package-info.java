/**
 * A stateful, in-process emulator of the Twilio REST endpoints the worker calls (Flex
 * Flows, Flex Channels, Flex Configuration, Proxy Sessions and Participants, Chat v2
 * Channels, Messages and User Channels, TaskRouter Tasks, Flex Interactions,
 * Conversations with their Participants, Messages, scoped Webhooks and state timers),
 * with a request log, scripted faults, opt-outs, a clock tests move, signed
 * conversation-state webhooks and a small control API. Plain Java: no Spring and no other
 * package of the project.
 */
@NullMarked
package com.outboundsms.worker.emulator;

import org.jspecify.annotations.NullMarked;
