/**
 * Named crash points for the fault-injection suite: when configured, the worker halts at
 * once (as {@code kill -9} would) the moment it reaches the named point, so that every
 * step of the at-least-once protocol can be shown to survive a crash right there. Off
 * unless {@code outbound-sms.crash-point.at} is set.
 */
@NullMarked
package com.outboundsms.worker.crashpoint;

import org.jspecify.annotations.NullMarked;
