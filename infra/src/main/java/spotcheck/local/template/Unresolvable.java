package spotcheck.local.template;

/** A value the local stack cannot compute (an import from another stack, a parameter without default...). */
final class Unresolvable extends RuntimeException {
    Unresolvable(String message) {
        super(message, null, false, false);
    }
}
