package org.prcybr.notionsync.notion;

/** The data source lacks what a page needs: a property, a type or a status option. */
public final class SchemaException extends RuntimeException {
    public SchemaException(String message) {
        super(message, null, false, false);
    }
}
