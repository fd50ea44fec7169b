package org.isachub.ingest.read.internal;

import java.util.Map;
import org.isachub.ingest.read.ObservableType;

/**
 * One observable carried by a MISP attribute value (a composite value carries two).
 *
 * @param type the observable type the MISP type implies
 * @param value the part of the value that is the observable
 * @param context what the other part says (port, file name, registry data)
 */
public record MispPart(ObservableType type, String value, Map<String, String> context) {}
