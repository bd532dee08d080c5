/**
 * The dead-letter exchange and queue, and the publisher that puts a failed request there
 * with headers saying why.
 */
@NullMarked
package com.outboundsms.worker.deadletter;

import org.jspecify.annotations.NullMarked;
