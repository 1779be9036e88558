package dev.rtc.filter;

import dev.rtc.dissect.FieldValues;

/** The values of a checked expression in one frame: Long, Double, byte[] or String by its type's kind. */
interface Values {
    Object[] of(FieldValues frame);
}
