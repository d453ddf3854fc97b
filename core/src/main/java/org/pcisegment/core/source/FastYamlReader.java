package org.pcisegment.core.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads the common subset of YAML that policy and inventory files are written in, several times
 * faster than snakeyaml: block mappings and sequences indented with spaces, single-line plain and
 * quoted scalars (no escapes), single-line flow collections, comments, {@code ---} and {@code ...}
 * markers. For a document it accepts, it builds exactly the values {@link YamlLoader}'s snakeyaml
 * path builds (structure, text, core-schema type, and every node's line and column).
 *
 * <p>It never reports an error: anything outside the subset, or invalid, or merely unusual
 * (anchors, tags, block scalars, multi-line scalars, escapes, complex or duplicate keys, tabs,
 * characters outside printable ASCII, too deep nesting) makes it decline the document, which is
 * then read by snakeyaml, so that every message and every rare construct stays snakeyaml's.
 */
final class FastYamlReader {
    /** The scalar resolver snakeyaml's core schema uses; it only reads its tables, so it can be shared. */
    private static final ScalarResolver CORE_SCHEMA = new CoreSchema().getScalarResolver();

    /** The core schema's booleans and nulls (CoreScalarResolver.BOOL and NULL), the words in full. */
    private static final Set<String> BOOLEANS = Set.of("true", "True", "TRUE", "false", "False", "FALSE");

    private static final Set<String> NULLS = Set.of("~", "null", "Null", "NULL");

    // Character classes of printable ASCII, as tables: cheaper than String.indexOf when scanning.

    /**
     * Characters a plain scalar may start with here: letters, digits and a few safe punctuation
     * marks ('-' is handled apart). Indicators (anchors, tags, block scalars, '?', ':', '<<' and
     * the like) are left to snakeyaml.
     */
    private static final boolean[] PLAIN_START = alphanumericAnd("._/~$(=^;+");

    /** Inside flow collections, only characters with no meaning to any YAML version's flow scanner. */
    private static final boolean[] FLOW_PLAIN = alphanumericAnd("._/~$()=^;+-@");

    /** The characters of the core schema's integer and float patterns, and of its null '~'. */
    private static final boolean[] NUMBER_CHARACTERS = alphanumericAnd(".+-~");

    /** snakeyaml forgets a possible simple key 1024 characters after its start; keys stay well short. */
    private static final int MAX_KEY_LENGTH = 1000;

    /** The line of {@code pos} holds no more content of the document (its end or a {@code ...}). */
    private static final int NO_CONTENT = -1;

    /** Unwinds the reading of a document that leaves the subset; thrown often, so without a trace. */
    private static final class Declined extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Declined() {
            super("declined", null, false, false);
        }
    }

    private static final Declined DECLINED = new Declined();

    private final String name;
    private final String text;
    private final TextCache strings = new TextCache();
    /** Lists reused, one per nesting level, while collections are read; the tree keeps copies. */
    private final List<List<YamlValue>> itemLists = new ArrayList<>();

    private final List<Entries> entryLists = new ArrayList<>();

    // Where the chunk being read ends, and where reading stands.
    private int end;
    private int pos;
    /** 0-based line of {@code pos}, and the offset where that line starts. */
    private int line;

    private int lineStart;
    /** Indent of the content line {@code pos} stands at, or {@link #NO_CONTENT}. */
    private int indent;
    /** Whether {@link #NO_CONTENT} was caused by a {@code ...} line, which {@code pos} stands at. */
    private boolean atDocumentEnd;

    private int nodes;

    /** A reader of the chunks of {@code text}, for one thread. */
    FastYamlReader(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /** Reads one chunk of the text, or declines it (empty). */
    Optional<DocumentChunk.Contents> read(DocumentChunk chunk) {
        end = chunk.end();
        pos = chunk.start();
        line = chunk.firstLine();
        lineStart = chunk.start();
        atDocumentEnd = false;
        nodes = 0;
        try {
            return Optional.of(readChunk());
        } catch (Declined declined) {
            return Optional.empty();
        }
    }

    private DocumentChunk.Contents readChunk() {
        boolean explicitStart = DocumentChunk.isDocumentStart(text, pos);
        if (explicitStart) {
            pos += 3;
            finishLine();
        } else {
            skipToContent();
        }
        List<YamlDocument> documents = new ArrayList<>(1);
        if (indent == NO_CONTENT) {
            if (atDocumentEnd && !explicitStart) {
                throw DECLINED; // a '...' before any content: an odd empty document, left to snakeyaml
            }
            // An explicit document without content is one empty scalar; a text without any, none.
            nodes = explicitStart ? 1 : 0;
        } else {
            YamlValue root = blockNode(0);
            if (indent != NO_CONTENT) {
                throw DECLINED;
            }
            if (!(root instanceof YamlScalar scalar && scalar.isNull())) {
                documents.add(new YamlDocument(root, root.span()));
            }
        }
        if (atDocumentEnd) {
            pos += 3;
            atDocumentEnd = false;
            finishLine();
            if (indent != NO_CONTENT || atDocumentEnd) {
                throw DECLINED;
            }
        }
        return new DocumentChunk.Contents(documents, nodes);
    }

    /** A node starting at {@code pos}: a line's content, or what follows a {@code - }. */
    private YamlValue blockNode(int depth) {
        char first = text.charAt(pos);
        if (first == '-' && isBlank(pos + 1)) {
            return blockSequence(column(), depth);
        }
        if (first != '[' && first != '{' && startsKey()) {
            return blockMapping(column(), depth);
        }
        return inlineValue(depth);
    }

    private YamlList blockSequence(int column, int depth) {
        enter(depth);
        SourceSpan span = spanAt(pos);
        List<YamlValue> items = itemList(depth);
        do {
            pos++; // the '-'
            int entryEnd = column();
            if (skipSpaces() == 0 || atLineEnd() || text.charAt(pos) == '#') {
                int entryLine = line;
                finishLine();
                items.add(indent > column ? blockNode(depth + 1) : emptyScalar(entryLine, entryEnd));
            } else {
                items.add(blockNode(depth + 1));
            }
        } while (indent == column && startsSequenceEntry());
        // Any other line ends the list; the caller declines one that it cannot take either (more
        // indented: a plain scalar's continuation or an error; at this indent but no entry: only a
        // mapping whose value the list is can take it, as its next key).
        return new YamlList(immutableCopy(items), span);
    }

    private YamlMap blockMapping(int column, int depth) {
        enter(depth);
        SourceSpan span = spanAt(pos);
        Entries entries = entryList(depth);
        while (true) {
            int keyStart = pos;
            String key = scalarText(scanScalar(false));
            if (peek() != ':' || !isBlank(pos + 1) || pos - keyStart > MAX_KEY_LENGTH) {
                throw DECLINED;
            }
            // The mapping starts where its first key does: one span serves both.
            SourceSpan keySpan = entries.isEmpty() ? span : spanAt(keyStart);
            pos++; // the ':'
            int valueLine = line;
            int valueEnd = column();
            YamlValue value;
            skipSpaces();
            if (atLineEnd() || text.charAt(pos) == '#') {
                finishLine();
                if (indent > column) {
                    value = blockNode(depth + 1);
                } else if (indent == column && startsSequenceEntry()) {
                    value = blockSequence(column, depth + 1);
                } else {
                    value = emptyScalar(valueLine, valueEnd);
                }
            } else {
                value = inlineValue(depth + 1);
            }
            entries.add(key, keySpan, value);
            // A line indented more than the keys, after a value, would continue a plain scalar or be
            // an error; an entry of a list there would be an error.
            if (indent > column || (indent == column && startsSequenceEntry())) {
                throw DECLINED;
            }
            if (indent < column) {
                return new YamlMap(immutableCopy(entries.list), span);
            }
        }
    }

    /** The empty list for the items of a collection at {@code depth}. */
    private List<YamlValue> itemList(int depth) {
        while (itemLists.size() <= depth) {
            itemLists.add(new ArrayList<>());
        }
        List<YamlValue> items = itemLists.get(depth);
        items.clear();
        return items;
    }

    /** The empty entries for a mapping at {@code depth}. */
    private Entries entryList(int depth) {
        while (entryLists.size() <= depth) {
            entryLists.add(new Entries());
        }
        Entries entries = entryLists.get(depth);
        entries.clear();
        return entries;
    }

    /**
     * An immutable copy of a reused list. Most collections of policy files have one or two
     * elements: those are copied without List.copyOf's intermediate array, which C1 (the compiler of
     * short runs) makes through reflection.
     */
    private static <T> List<T> immutableCopy(List<T> list) {
        return switch (list.size()) {
            case 0 -> List.of();
            case 1 -> List.of(list.get(0));
            case 2 -> List.of(list.get(0), list.get(1));
            default -> List.copyOf(list);
        };
    }

    /** A mapping's entries as they are read; a key read twice declines (snakeyaml reports it). */
    private static final class Entries {
        /** Up to this many keys, looking through the entries is cheaper than hashing. */
        private static final int SCANNED_KEYS = 8;

        final List<YamlMap.Entry> list = new ArrayList<>();
        private @Nullable Set<String> keys;

        void clear() {
            list.clear();
            keys = null;
        }

        boolean isEmpty() {
            return list.isEmpty();
        }

        void add(String key, SourceSpan keySpan, YamlValue value) {
            if (contains(key)) {
                throw DECLINED;
            }
            list.add(new YamlMap.Entry(key, keySpan, value));
        }

        private boolean contains(String key) {
            Set<String> hashed = keys;
            if (hashed != null) {
                return !hashed.add(key);
            }
            // Indexed: C1, which runs this at start-up, allocates every iterator.
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).key().equals(key)) {
                    return true;
                }
            }
            if (list.size() == SCANNED_KEYS) {
                hashed = new HashSet<>();
                for (YamlMap.Entry entry : list) {
                    hashed.add(entry.key());
                }
                hashed.add(key);
                keys = hashed;
            }
            return false;
        }
    }

    /** A scalar or flow collection that ends its line. */
    private YamlValue inlineValue(int depth) {
        char first = text.charAt(pos);
        YamlValue value = first == '[' || first == '{' ? flowCollection(depth) : scalar(false);
        finishLine();
        return value;
    }

    private YamlValue flowCollection(int depth) {
        enter(depth);
        SourceSpan span = spanAt(pos);
        boolean sequence = text.charAt(pos) == '[';
        pos++;
        skipSpaces();
        return sequence
                ? new YamlList(immutableCopy(flowItems(depth)), span)
                : new YamlMap(immutableCopy(flowEntries(depth).list), span);
    }

    private List<YamlValue> flowItems(int depth) {
        List<YamlValue> items = itemList(depth);
        if (!closesFlow(']')) {
            do {
                items.add(flowNode(depth + 1));
            } while (!flowSeparator(']'));
        }
        return items;
    }

    private Entries flowEntries(int depth) {
        Entries entries = entryList(depth);
        if (!closesFlow('}')) {
            do {
                int keyStart = pos;
                String key = scalarText(scanScalar(true));
                if (peek() != ':' || pos + 1 >= end || text.charAt(pos + 1) != ' ' || pos - keyStart > MAX_KEY_LENGTH) {
                    throw DECLINED;
                }
                SourceSpan keySpan = spanAt(keyStart);
                pos += 2;
                skipSpaces();
                entries.add(key, keySpan, flowNode(depth + 1));
            } while (!flowSeparator('}'));
        }
        return entries;
    }

    /** Moves past {@code close} if it stands at {@code pos}. */
    private boolean closesFlow(char close) {
        if (peek() == close) {
            pos++;
            return true;
        }
        return false;
    }

    /** After a flow item: true past the closing bracket, false past a ',' that another item follows. */
    private boolean flowSeparator(char close) {
        skipSpaces();
        if (closesFlow(close)) {
            return true;
        }
        if (peek() != ',') {
            throw DECLINED;
        }
        pos++;
        skipSpaces();
        return false;
    }

    private YamlValue flowNode(int depth) {
        char first = peek();
        return first == '[' || first == '{' ? flowCollection(depth) : scalar(true);
    }

    /** A scalar value (keys are not counted as nodes, as snakeyaml's composer does not count them). */
    private YamlScalar scalar(boolean flow) {
        nodes++;
        int start = pos;
        char style = scanScalar(flow);
        String value = scalarText(style);
        YamlScalar.Type type = style == PLAIN ? plainType(value) : YamlScalar.Type.STRING;
        return new YamlScalar(value, type, spanAt(start));
    }

    private YamlScalar emptyScalar(int valueLine, int column) {
        nodes++;
        return new YamlScalar("", YamlScalar.Type.NULL, new SourceSpan(name, valueLine + 1, column + 1));
    }

    /** Whether the content at {@code pos} is a key and its {@code :}; reads nothing. */
    private boolean startsKey() {
        int start = pos;
        scanScalar(false);
        boolean key = peek() == ':' && isBlank(pos + 1);
        pos = start;
        return key;
    }

    private boolean startsSequenceEntry() {
        return text.charAt(pos) == '-' && isBlank(pos + 1);
    }

    // Scalars. scanScalar moves pos past one scalar and leaves its text between tokenStart and
    // tokenEnd; it returns the style: PLAIN, or the quote character.

    private static final char PLAIN = 'p';

    private int tokenStart;
    private int tokenEnd;

    private char scanScalar(boolean flow) {
        char first = peek();
        if (first == '"' || first == '\'') {
            scanQuoted(first);
            return first;
        }
        if (!startsPlain(first)) {
            throw DECLINED;
        }
        tokenStart = pos;
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == ' ') {
                int next = pos + 1;
                while (next < end && text.charAt(next) == ' ') {
                    next++;
                }
                // Spaces end the scalar before a line end, a comment or a ': ' (and, in a flow
                // collection, before its punctuation); otherwise they belong to it.
                if (next == end || endsPlain(next, flow) || text.charAt(next) == '#') {
                    break;
                }
                pos = next;
            } else if (endsPlain(pos, flow)) {
                break;
            } else if (c < 0x20 || c > 0x7E || (flow && !in(FLOW_PLAIN, c))) {
                throw DECLINED;
            } else {
                pos++;
            }
        }
        tokenEnd = pos;
        return PLAIN;
    }

    /** Where a plain scalar stops at offset {@code at}; in a flow collection that is a ',', ']', '}' or ': '. */
    private boolean endsPlain(int at, boolean flow) {
        char c = text.charAt(at);
        if (c == '\n' || c == '\r' || (c == ':' && isBlank(at + 1))) {
            return true;
        }
        return flow && (c == ',' || c == ']' || c == '}');
    }

    /** Whether a plain scalar may start with {@code first}: see {@link #PLAIN_START}; '-' before a word or number. */
    private boolean startsPlain(char first) {
        if (in(PLAIN_START, first)) {
            return true;
        }
        if (first == '-' && pos + 1 < end) {
            char next = text.charAt(pos + 1);
            return next == '.' || isAlphanumeric(next);
        }
        return false;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean in(boolean[] set, char c) {
        return c < set.length && set[c];
    }

    private static boolean[] alphanumericAnd(String punctuation) {
        boolean[] set = new boolean[128];
        for (char c = 0; c < set.length; c++) {
            set[c] = isAlphanumeric(c) || punctuation.indexOf(c) >= 0;
        }
        return set;
    }

    /** A quoted scalar on one line; escapes in double quotes are left to snakeyaml. */
    private void scanQuoted(char quote) {
        pos++;
        tokenStart = pos;
        while (true) {
            if (pos >= end) {
                throw DECLINED;
            }
            char c = text.charAt(pos);
            if (c == quote) {
                if (quote == '\'' && pos + 1 < end && text.charAt(pos + 1) == '\'') {
                    pos += 2;
                    continue;
                }
                tokenEnd = pos;
                pos++;
                return;
            }
            if (c < 0x20 || c > 0x7E || (c == '\\' && quote == '"')) {
                throw DECLINED;
            }
            pos++;
        }
    }

    private String scalarText(char style) {
        String value = strings.substring(text, tokenStart, tokenEnd);
        return style == '\'' && value.indexOf('\'') >= 0 ? value.replace("''", "'") : value;
    }

    /**
     * The core-schema type of a plain scalar, as snakeyaml's CoreScalarResolver gives it, without
     * its regular expressions for the common cases. The resolver tries the patterns registered for
     * the first character, then the null patterns for any: so a text starting with t, f, T or F
     * is a boolean or a string, one starting with n, N or ~ a null or a string, one of digits only
     * an integer; one starting otherwise than with a sign, dot or digit, or with a character that
     * no number pattern has, is a string. The rest (signs, dots, hexadecimal) go to the resolver.
     */
    private static YamlScalar.Type plainType(String value) {
        char first = value.charAt(0);
        switch (first) {
            case 't', 'f', 'T', 'F' -> {
                return BOOLEANS.contains(value) ? YamlScalar.Type.BOOLEAN : YamlScalar.Type.STRING;
            }
            case 'n', 'N', '~' -> {
                return NULLS.contains(value) ? YamlScalar.Type.NULL : YamlScalar.Type.STRING;
            }
            default -> {}
        }
        if (first != '-' && first != '+' && first != '.' && (first < '0' || first > '9')) {
            return YamlScalar.Type.STRING;
        }
        boolean digits = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!in(NUMBER_CHARACTERS, c)) {
                return YamlScalar.Type.STRING;
            }
            digits &= c >= '0' && c <= '9';
        }
        return digits ? YamlScalar.Type.INTEGER : YamlLoader.scalarType(CORE_SCHEMA.resolve(value, true));
    }

    // Lines.

    /** Ends the current line (spaces, a comment) and moves to the next content line. */
    private void finishLine() {
        skipSpaces();
        // A '#' starts a comment only after a blank; right after a value it is an error.
        if (pos < end && text.charAt(pos) == '#' && text.charAt(pos - 1) == ' ') {
            skipComment();
        }
        if (!atLineEnd()) {
            throw DECLINED;
        }
        nextLine();
        skipToContent();
    }

    /**
     * From the start of a line, skips blank and comment lines and stops at the next content,
     * setting {@link #indent}; a {@code ...} line or the chunk's end sets {@link #NO_CONTENT}.
     */
    private void skipToContent() {
        while (true) {
            skipSpaces();
            if (pos == end) {
                indent = NO_CONTENT;
                return;
            }
            char c = text.charAt(pos);
            if (c == '#') {
                skipComment();
            }
            if (atLineEnd()) {
                nextLine();
                continue;
            }
            if (pos == lineStart && (text.startsWith("---", pos) || text.startsWith("...", pos))) {
                if (text.startsWith("...", pos) && isBlank(pos + 3)) {
                    atDocumentEnd = true;
                    indent = NO_CONTENT;
                    return;
                }
                throw DECLINED;
            }
            indent = column();
            return;
        }
    }

    private void skipComment() {
        while (pos < end) {
            char c = text.charAt(pos);
            if (c == '\n' || c == '\r') {
                return;
            }
            if (c < 0x20 || c > 0x7E) {
                throw DECLINED;
            }
            pos++;
        }
    }

    /** At the end of the chunk, or of a line ({@code \n} or {@code \r\n}). */
    private boolean atLineEnd() {
        if (pos == end) {
            return true;
        }
        char c = text.charAt(pos);
        if (c == '\r') {
            if (pos + 1 < end && text.charAt(pos + 1) == '\n') {
                return true;
            }
            throw DECLINED;
        }
        return c == '\n';
    }

    /** Moves past the line break {@code pos} stands at, if any. */
    private void nextLine() {
        if (pos < end) {
            pos += text.charAt(pos) == '\r' ? 2 : 1;
            line++;
            lineStart = pos;
        }
    }

    /** A blank to snakeyaml: a space, tab, line break or the end, as after '-', ':' and '---'. */
    private boolean isBlank(int at) {
        if (at >= end) {
            return true;
        }
        char c = text.charAt(at);
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private int skipSpaces() {
        int start = pos;
        while (pos < end && text.charAt(pos) == ' ') {
            pos++;
        }
        return pos - start;
    }

    /** The character at {@code pos}; a line break when past the end, which nothing accepts here. */
    private char peek() {
        return pos < end ? text.charAt(pos) : '\n';
    }

    private int column() {
        return pos - lineStart;
    }

    private SourceSpan spanAt(int offset) {
        return new SourceSpan(name, line + 1, offset - lineStart + 1);
    }

    /** Counts a collection; snakeyaml refuses one opened inside {@link YamlLoader#MAX_DEPTH} others. */
    private void enter(int depth) {
        if (depth >= YamlLoader.MAX_DEPTH) {
            throw DECLINED;
        }
        nodes++;
    }
}
