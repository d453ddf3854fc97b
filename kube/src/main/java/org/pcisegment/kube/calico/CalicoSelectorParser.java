package org.pcisegment.kube.calico;

import java.util.ArrayList;
import java.util.List;
import org.pcisegment.core.source.InputException;
import org.pcisegment.core.source.SourceSpan;

/**
 * Parses Calico selector expressions: {@code ==}, {@code !=}, {@code in {...}}, {@code not in
 * {...}}, {@code contains}, {@code starts with}, {@code ends with}, {@code has(k)}, {@code all()},
 * {@code global()}, {@code !}, {@code &&}, {@code ||} and parentheses. {@code ||} binds weaker than
 * {@code &&}, which binds weaker than {@code !}.
 */
public final class CalicoSelectorParser {
    private final String text;
    private final SourceSpan span;
    private int position;

    private CalicoSelectorParser(String text, SourceSpan span) {
        this.text = text;
        this.span = span;
    }

    /** Parses {@code text}; an empty selector selects everything, as Calico reads it. */
    public static CalicoSelector parse(String text, SourceSpan span) {
        if (text.isBlank()) {
            return new CalicoSelector.All();
        }
        CalicoSelectorParser parser = new CalicoSelectorParser(text, span);
        CalicoSelector result = parser.or();
        parser.skipSpaces();
        if (parser.position < text.length()) {
            throw parser.error("unexpected '" + text.substring(parser.position) + "'");
        }
        return result;
    }

    private CalicoSelector or() {
        CalicoSelector left = and();
        while (consume("||")) {
            left = new CalicoSelector.Or(left, and());
        }
        return left;
    }

    private CalicoSelector and() {
        CalicoSelector left = unary();
        while (consume("&&")) {
            left = new CalicoSelector.And(left, unary());
        }
        return left;
    }

    private CalicoSelector unary() {
        skipSpaces();
        if (peek("!") && !peek("!=")) {
            position++;
            return new CalicoSelector.Not(unary());
        }
        if (consume("(")) {
            CalicoSelector inner = or();
            expect(")");
            return inner;
        }
        return primary();
    }

    private CalicoSelector primary() {
        skipSpaces();
        int start = position;
        String word = labelKey();
        if (word.isEmpty()) {
            throw error(
                    position < text.length()
                            ? "expected a label name, has(), all() or '(' at '" + text.substring(position) + "'"
                            : "expression ends too early");
        }
        skipSpaces();
        if (peek("(")) {
            switch (word) {
                case "has" -> {
                    expect("(");
                    skipSpaces();
                    String key = labelKey();
                    if (key.isEmpty()) {
                        throw error("has() needs a label name");
                    }
                    expect(")");
                    return new CalicoSelector.Has(key);
                }
                case "all" -> {
                    expect("(");
                    expect(")");
                    return new CalicoSelector.All();
                }
                case "global" -> {
                    expect("(");
                    expect(")");
                    return new CalicoSelector.Global();
                }
                default -> {
                    position = start;
                    throw error("unknown function '" + word + "()'; expected has(), all() or global()");
                }
            }
        }
        if (consume("==")) {
            return new CalicoSelector.Compare(word, CalicoSelector.Compare.Operator.EQUALS, List.of(literal()));
        }
        if (consume("!=")) {
            return new CalicoSelector.Compare(word, CalicoSelector.Compare.Operator.NOT_EQUALS, List.of(literal()));
        }
        if (consumeWord("in")) {
            return new CalicoSelector.Compare(word, CalicoSelector.Compare.Operator.IN, literalSet());
        }
        if (consumeWord("not")) {
            if (!consumeWord("in")) {
                throw error("expected 'in' after 'not'");
            }
            return new CalicoSelector.Compare(word, CalicoSelector.Compare.Operator.NOT_IN, literalSet());
        }
        if (consumeWord("contains")) {
            return new CalicoSelector.Compare(word, CalicoSelector.Compare.Operator.CONTAINS, List.of(literal()));
        }
        if (consumeWord("starts")) {
            if (!consumeWord("with")) {
                throw error("expected 'with' after 'starts'");
            }
            return new CalicoSelector.Compare(word, CalicoSelector.Compare.Operator.STARTS_WITH, List.of(literal()));
        }
        if (consumeWord("ends")) {
            if (!consumeWord("with")) {
                throw error("expected 'with' after 'ends'");
            }
            return new CalicoSelector.Compare(word, CalicoSelector.Compare.Operator.ENDS_WITH, List.of(literal()));
        }
        throw error("expected an operator (==, !=, in, not in, contains, starts with, ends with) after '" + word + "'");
    }

    private List<String> literalSet() {
        expect("{");
        List<String> values = new ArrayList<>();
        skipSpaces();
        if (consume("}")) {
            return values;
        }
        do {
            values.add(literal());
        } while (consume(","));
        expect("}");
        return values;
    }

    private String literal() {
        skipSpaces();
        if (position >= text.length() || (text.charAt(position) != '"' && text.charAt(position) != '\'')) {
            throw error("expected a quoted value");
        }
        char quote = text.charAt(position);
        int end = text.indexOf(quote, position + 1);
        if (end < 0) {
            throw error("unterminated string");
        }
        String value = text.substring(position + 1, end);
        position = end + 1;
        return value;
    }

    private String labelKey() {
        int start = position;
        while (position < text.length() && isKeyChar(text.charAt(position))) {
            position++;
        }
        return text.substring(start, position);
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/' || c == '-';
    }

    private boolean consumeWord(String word) {
        skipSpaces();
        if (text.startsWith(word, position)
                && (position + word.length() == text.length() || !isKeyChar(text.charAt(position + word.length())))) {
            position += word.length();
            return true;
        }
        return false;
    }

    private boolean consume(String token) {
        skipSpaces();
        if (text.startsWith(token, position)) {
            position += token.length();
            return true;
        }
        return false;
    }

    private boolean peek(String token) {
        return text.startsWith(token, position);
    }

    private void expect(String token) {
        if (!consume(token)) {
            throw error("expected '" + token + "'");
        }
    }

    private void skipSpaces() {
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
    }

    private InputException error(String problem) {
        return new InputException(
                span, "invalid Calico selector \"" + text + "\" at character " + (position + 1) + ": " + problem);
    }
}
