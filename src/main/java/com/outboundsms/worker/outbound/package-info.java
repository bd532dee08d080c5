/**
 * Where results go out: the result exchange and the publisher of result events, with
 * publisher confirms.
 */
@NullMarked
package com.outboundsms.worker.outbound;

import org.jspecify.annotations.NullMarked;
