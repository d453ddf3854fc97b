package org.pcisegment.core.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.pcisegment.core.concurrent.Futures;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML (and JSON, which is YAML) into {@link YamlValue} trees with positions, defending
 * against hostile input: size limit, UTF-8 text only, bounded aliases, nesting and node count,
 * duplicate keys rejected. Documents in the plain block style of policy files are read by {@link
 * FastYamlReader}, all others and every error by snakeyaml, with the same result either way.
 */
public final class YamlLoader {
    /** Largest input file accepted. Policy sets are text; anything bigger is a mistake or an attack. */
    public static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

    private static final int MAX_COLLECTION_ALIASES = 16;
    static final int MAX_DEPTH = 64;
    static final int MAX_NODES = 5_000_000;

    /**
     * Set to {@code true}, every text is read by snakeyaml alone, without the fast reader: the
     * baseline of the parse benchmark, and a way to rule the fast reader out when in doubt.
     */
    public static final String SNAKEYAML_ONLY_PROPERTY = "pcisegment.yaml.snakeyamlOnly";

    private YamlLoader() {}

    /** Loads every non-empty document of a file; a file without any is an error. */
    public static SourceFile load(Path file) {
        return load(file, false);
    }

    /**
     * Loads every non-empty document of a file. With {@code allowEmpty}, a file holding no document
     * (blank, or comments only) gives an empty list: a directory of Kubernetes manifests may hold
     * such files, and kubectl skips them too.
     */
    public static SourceFile load(Path file, boolean allowEmpty) {
        List<YamlDocument> documents = new ArrayList<>();
        String text = forEachDocument(file, allowEmpty, documents::add);
        return new SourceFile(file.toString(), text, documents);
    }

    /**
     * Reads a file and hands each non-empty document to {@code each} as soon as it is read, so that
     * a caller keeping only what it makes of a document lets the tree die young; returns the text.
     * The errors are those of {@link #load(Path, boolean)}; one of them may come after documents
     * before it were handed on.
     */
    public static String forEachDocument(Path file, boolean allowEmpty, Consumer<YamlDocument> each) {
        return forEachDocument(file, allowEmpty, document -> document, each);
    }

    /**
     * As {@link #forEachDocument(Path, boolean, Consumer)}, in two steps: {@code convert} turns a
     * document into what the caller keeps, and may run on another thread (a large file is read in
     * two halves at once), so it must not throw and must not touch shared state; {@code accept}
     * receives the results on this thread, in file order.
     */
    public static <T> String forEachDocument(
            Path file, boolean allowEmpty, Function<YamlDocument, T> convert, Consumer<T> accept) {
        String name = file.toString();
        String text = read(file, name);
        parse(name, text, allowEmpty, !Boolean.getBoolean(SNAKEYAML_ONLY_PROPERTY), convert, accept);
        return text;
    }

    /**
     * The file's text. Its bytes are garbage once this returns, not held through the parse, where
     * the first collection would copy them along with the parsed tree.
     */
    private static String read(Path file, String name) {
        SourceSpan whole = SourceSpan.of(name);
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new InputException(
                        whole,
                        "file is "
                                + size
                                + " bytes, over the limit of "
                                + MAX_FILE_BYTES
                                + " bytes for a policy or inventory file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(whole, "file not found");
        } catch (AccessDeniedException e) {
            throw new InputException(whole, "permission denied: cannot read the file");
        } catch (IOException e) {
            throw new InputException(whole, "cannot read the file: " + InputFiles.describe(e));
        }
        return decode(name, bytes);
    }

    /** Decodes UTF-8 strictly and refuses binary content. */
    static String decode(String name, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new InputException(
                        SourceSpan.of(name), "not a text file (NUL byte at offset " + i + "); expected YAML or JSON");
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InputException(SourceSpan.of(name), "not a UTF-8 text file; expected YAML or JSON in UTF-8");
        }
    }

    /** Parses YAML text; {@code name} labels positions. Empty documents are skipped. */
    public static List<YamlDocument> parse(String name, String text) {
        return parse(name, text, false);
    }

    /** As {@link #parse(String, String)}; with {@code allowEmpty} a text without documents is no error. */
    public static List<YamlDocument> parse(String name, String text, boolean allowEmpty) {
        return parse(name, text, allowEmpty, !Boolean.getBoolean(SNAKEYAML_ONLY_PROPERTY));
    }

    /** As {@link #parse(String, String, boolean)}; with {@code fast} false, snakeyaml reads every document. */
    static List<YamlDocument> parse(String name, String text, boolean allowEmpty, boolean fast) {
        List<YamlDocument> documents = new ArrayList<>();
        parse(name, text, allowEmpty, fast, document -> document, documents::add);
        return documents;
    }

    private static <T> void parse(
            String name,
            String text,
            boolean allowEmpty,
            boolean fast,
            Function<YamlDocument, T> convert,
            Consumer<T> accept) {
        if (text.isBlank()) {
            if (allowEmpty) {
                return;
            }
            throw new InputException(SourceSpan.of(name), "file is empty; expected at least one YAML document");
        }
        Consumer<YamlDocument> each = document -> accept.accept(convert.apply(document));
        int documents = fast
                ? readInChunks(name, text, convert, accept, PARALLEL_FROM_CHUNKS)
                : handOn(readWithSnakeyaml(name, text), 0, each);
        if (documents == 0 && !allowEmpty) {
            throw new InputException(
                    SourceSpan.of(name), "file holds no YAML document with content; expected a policy");
        }
    }

    /** Files of at least this many documents are read in two halves at once. */
    static final int PARALLEL_FROM_CHUNKS = 200;

    /** The converted documents of one chunk, with the chunk's node count. */
    private record ChunkRead<T>(List<T> converted, int nodes) {}

    /** A run of chunks read in order, and whether the chunk after them was declined. */
    private record ChunksRead<T>(List<ChunkRead<T>> chunks, boolean declined) {}

    /**
     * Reads each document's chunk on its own: with the fast reader where it accepts the chunk, else
     * with snakeyaml. Where that could end otherwise than reading the whole text with snakeyaml (an
     * error in any chunk, aliases, whose limit counts across documents, or more nodes than allowed
     * in all), the whole text is read again by snakeyaml: the outcome, and above all the first error
     * in file order, stays exactly snakeyaml's. From {@code parallelFrom} chunks on, a second thread
     * reads and converts the second half meanwhile; its results are taken in order after the first
     * half's. Returns how many documents were handed on.
     */
    static <T> int readInChunks(
            String name, String text, Function<YamlDocument, T> convert, Consumer<T> accept, int parallelFrom) {
        Consumer<YamlDocument> each = document -> accept.accept(convert.apply(document));
        Optional<List<DocumentChunk>> split = DocumentChunk.split(text);
        if (split.isEmpty()) {
            return handOn(readWithSnakeyaml(name, text), 0, each);
        }
        List<DocumentChunk> chunks = split.get();
        int half = chunks.size() >= parallelFrom ? chunks.size() / 2 : chunks.size();
        @Nullable FutureTask<ChunksRead<T>> secondHalf = null;
        if (half < chunks.size()) {
            List<DocumentChunk> rest = chunks.subList(half, chunks.size());
            secondHalf = new FutureTask<>(() -> readChunks(name, text, rest, convert));
            Thread.ofPlatform().daemon().name("yaml-second-half").start(secondHalf);
        }
        FastYamlReader reader = new FastYamlReader(name, text);
        int handedOn = 0;
        long nodes = 0;
        for (DocumentChunk chunk : chunks.subList(0, half)) {
            Optional<DocumentChunk.Contents> contents =
                    reader.read(chunk).or(() -> readChunkWithSnakeyaml(name, text, chunk));
            nodes += contents.map(DocumentChunk.Contents::nodes).orElse(0);
            if (contents.isEmpty() || nodes > MAX_NODES) {
                if (secondHalf != null) {
                    secondHalf.cancel(true); // its work is not needed: the whole text is read again
                }
                return handOn(readWithSnakeyaml(name, text), handedOn, each);
            }
            for (YamlDocument document : contents.get().documents()) {
                each.accept(document);
                handedOn++;
            }
        }
        if (secondHalf == null) {
            return handedOn;
        }
        ChunksRead<T> rest = Futures.join(secondHalf, "reading YAML");
        for (ChunkRead<T> chunk : rest.chunks()) {
            nodes += chunk.nodes();
            if (nodes > MAX_NODES) {
                return handOn(readWithSnakeyaml(name, text), handedOn, each);
            }
            chunk.converted().forEach(accept);
            handedOn += chunk.converted().size();
        }
        return rest.declined() ? handOn(readWithSnakeyaml(name, text), handedOn, each) : handedOn;
    }

    /** Reads and converts chunks in order, stopping at the first one neither reader accepts. */
    private static <T> ChunksRead<T> readChunks(
            String name, String text, List<DocumentChunk> chunks, Function<YamlDocument, T> convert) {
        FastYamlReader reader = new FastYamlReader(name, text);
        List<ChunkRead<T>> read = new ArrayList<>(chunks.size());
        for (DocumentChunk chunk : chunks) {
            if (Thread.currentThread().isInterrupted()) {
                return new ChunksRead<>(read, true); // cancelled: the result is not used
            }
            Optional<DocumentChunk.Contents> contents =
                    reader.read(chunk).or(() -> readChunkWithSnakeyaml(name, text, chunk));
            if (contents.isEmpty()) {
                return new ChunksRead<>(read, true);
            }
            List<T> converted = new ArrayList<>(contents.get().documents().size());
            for (YamlDocument document : contents.get().documents()) {
                converted.add(convert.apply(document));
            }
            read.add(new ChunkRead<>(converted, contents.get().nodes()));
        }
        return new ChunksRead<>(read, false);
    }

    /**
     * Hands on the documents of a whole-text reading after the first {@code alreadyHandedOn}, which
     * the chunks gave before (the chunk readers build snakeyaml's documents, in file order).
     * Returns the number of documents.
     */
    private static int handOn(List<YamlDocument> documents, int alreadyHandedOn, Consumer<YamlDocument> each) {
        if (documents.size() < alreadyHandedOn) {
            throw new IllegalStateException("the chunks of a YAML text gave more documents than the whole text");
        }
        documents.subList(alreadyHandedOn, documents.size()).forEach(each);
        return documents.size();
    }

    /**
     * One chunk's documents as snakeyaml reads them; empty on any error (the whole text is then read
     * for snakeyaml's own message) or alias.
     */
    static Optional<DocumentChunk.Contents> readChunkWithSnakeyaml(String name, String text, DocumentChunk chunk) {
        try {
            EventComposer composer = composer(name, text.substring(chunk.start(), chunk.end()), chunk.firstLine());
            List<YamlDocument> documents = composer.readAll();
            return composer.aliasesRead() == 0
                    ? Optional.of(new DocumentChunk.Contents(documents, composer.nodesCounted()))
                    : Optional.empty();
        } catch (InputException | YamlEngineException e) {
            return Optional.empty();
        }
    }

    /** Reads the whole text with snakeyaml, turning its errors into input errors. */
    private static List<YamlDocument> readWithSnakeyaml(String name, String text) {
        try {
            return composer(name, text, 0).readAll();
        } catch (MarkedYamlEngineException e) {
            throw new InputException(
                    span(name, e.getProblemMark().or(e::getContextMark)), "YAML syntax error: " + describe(e));
        } catch (YamlEngineException e) {
            throw new InputException(SourceSpan.of(name), "YAML error: " + firstLine(String.valueOf(e.getMessage())));
        }
    }

    /** A composer over {@code text}, whose first line is line {@code firstLine} (0-based) of the file. */
    private static EventComposer composer(String name, String text, int firstLine) {
        LoadSettings settings = settings(name);
        return new EventComposer(
                name,
                new GuardedParser(name, new ParserImpl(settings, new StreamReader(settings, text))),
                settings.getSchema().getScalarResolver(),
                firstLine);
    }

    /** The core-schema type of a scalar with this tag. */
    static YamlScalar.Type scalarType(Tag tag) {
        if (tag.equals(Tag.INT)) {
            return YamlScalar.Type.INTEGER;
        } else if (tag.equals(Tag.FLOAT)) {
            return YamlScalar.Type.FLOAT;
        } else if (tag.equals(Tag.BOOL)) {
            return YamlScalar.Type.BOOLEAN;
        } else if (tag.equals(Tag.NULL)) {
            return YamlScalar.Type.NULL;
        }
        return YamlScalar.Type.STRING;
    }

    /** The parser settings: positions on, aliases bounded, recursive keys refused. */
    static LoadSettings settings(String name) {
        return LoadSettings.builder()
                .setLabel(name)
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setAllowRecursiveKeys(false)
                // Non-scalar keys reach the composer, which rejects them with a position.
                .setAllowNonScalarKeys(true)
                .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, MAX_FILE_BYTES))
                .setUseMarks(true)
                .build();
    }

    static String describe(MarkedYamlEngineException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        // snakeyaml's wording for the two most common slips, in plain words.
        if (problem.contains("\\t(TAB)")) {
            return "a tab character; YAML indents with spaces only";
        }
        if (problem.startsWith("expected <block end>")) {
            problem = "this line's indentation does not match the lines around it";
        }
        if (context.isEmpty()) {
            return problem;
        }
        // Where the unfinished construct began: for an unclosed quote or bracket, that is the fix.
        Optional<Mark> start = e.getContextMark()
                .filter(c -> e.getProblemMark()
                        .map(p -> p.getLine() != c.getLine() || p.getColumn() != c.getColumn())
                        .orElse(false));
        return problem
                + " ("
                + context
                + start.map(m -> " that starts at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
                        .orElse("")
                + ")";
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static SourceSpan span(String name, Optional<Mark> mark) {
        return mark.map(m -> new SourceSpan(name, m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourceSpan.of(name));
    }

    /**
     * Watches the event stream before the composer builds nodes from it, so that hostile or
     * ambiguous input is refused at its position: nesting deeper than {@link #MAX_DEPTH} (the
     * composer recurses per level), too many aliases to collections (an alias bomb), and merge
     * keys, which the composer would otherwise apply silently.
     */
    static final class GuardedParser implements Parser {
        private static final int SEQUENCE = 0;
        private static final int MAPPING_KEY = 1;
        private static final int MAPPING_VALUE = 2;

        private final String name;
        private final Parser parser;
        /** One entry per open collection: a sequence, or a mapping awaiting its next key or value. */
        private final Deque<Integer> open = new ArrayDeque<>();

        private final Set<String> collectionAnchors = new HashSet<>();
        private int collectionAliases;

        GuardedParser(String name, Parser parser) {
            this.name = name;
            this.parser = parser;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return parser.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return parser.hasNext();
        }

        @Override
        public Event next() {
            Event event = parser.next();
            switch (event.getEventId()) {
                case Scalar -> {
                    ScalarEvent scalar = (ScalarEvent) event;
                    if (awaitingKey()
                            && scalar.isPlain()
                            && scalar.getTag().isEmpty()
                            && scalar.getValue().equals("<<")) {
                        throw new InputException(
                                span(name, event.getStartMark()),
                                "YAML merge keys ('<<') are not supported; write the fields out");
                    }
                    scalar.getAnchor().ifPresent(a -> collectionAnchors.remove(a.getValue()));
                    nodeDone();
                }
                case Alias -> {
                    if (collectionAnchors.contains(
                                    ((AliasEvent) event).getAlias().getValue())
                            && ++collectionAliases > MAX_COLLECTION_ALIASES) {
                        throw new InputException(
                                span(name, event.getStartMark()),
                                "too many aliases to lists or mappings (more than "
                                        + MAX_COLLECTION_ALIASES
                                        + "); refusing a possible alias bomb");
                    }
                    nodeDone();
                }
                case SequenceStart, MappingStart -> {
                    if (open.size() >= MAX_DEPTH) {
                        throw new InputException(
                                span(name, event.getStartMark()),
                                "YAML nesting is too deep (more than " + MAX_DEPTH + " levels)");
                    }
                    ((NodeEvent) event).getAnchor().ifPresent(a -> collectionAnchors.add(a.getValue()));
                    open.push(event.getEventId() == Event.ID.MappingStart ? MAPPING_KEY : SEQUENCE);
                }
                case SequenceEnd, MappingEnd -> {
                    open.pop();
                    nodeDone();
                }
                default -> {}
            }
            return event;
        }

        private boolean awaitingKey() {
            Integer top = open.peek();
            return top != null && top == MAPPING_KEY;
        }

        /** A complete node was read: in a mapping, a key is followed by a value and vice versa. */
        private void nodeDone() {
            Integer top = open.peek();
            if (top != null && top != SEQUENCE) {
                open.pop();
                open.push(top == MAPPING_KEY ? MAPPING_VALUE : MAPPING_KEY);
            }
        }
    }

    /**
     * Builds {@link YamlValue} trees straight from the parser's events, as snakeyaml's composer
     * would build its node trees (same anchors and aliases, same scalar resolution by the core
     * schema) but without the intermediate nodes and the composer's comment bookkeeping, which cost
     * as much as the parsing itself on large policy sets. Errors about the content (non-string or
     * duplicate keys, too many nodes) are held until the document has been read to its end, so that
     * a syntax error anywhere in the document is still the error reported, as with a composer.
     */
    private static final class EventComposer {
        private final String name;
        private final Parser parser;
        private final ScalarResolver resolver;
        /** 0-based line in the file of the text's first line. */
        private final int firstLine;
        /** Anchors of the current document; an anchor is defined from its node's start. */
        private final Map<String, YamlValue> anchors = new HashMap<>();
        /** Anchors of collections still being read: an alias to one would make a recursive value. */
        private final Set<String> openAnchors = new HashSet<>();

        private int nodes;
        private int aliases;
        private int collectionAliases;
        private @Nullable InputException pending;

        EventComposer(String name, Parser parser, ScalarResolver resolver, int firstLine) {
            this.name = name;
            this.parser = parser;
            this.resolver = resolver;
            this.firstLine = firstLine;
        }

        /** Reads every document; those whose root is empty are left out. */
        List<YamlDocument> readAll() {
            List<YamlDocument> documents = new ArrayList<>();
            while (hasNext()) {
                YamlValue root = next();
                if (!(root instanceof YamlScalar s && s.isNull())) {
                    documents.add(new YamlDocument(root, root.span()));
                }
            }
            return documents;
        }

        /** Nodes read so far, as counted for {@link #MAX_NODES}. */
        int nodesCounted() {
            return nodes;
        }

        int aliasesRead() {
            return aliases;
        }

        boolean hasNext() {
            if (parser.checkEvent(Event.ID.StreamStart)) {
                parser.next();
            }
            return !parser.checkEvent(Event.ID.StreamEnd);
        }

        /** Reads one document: its start, its root node and its end. */
        YamlValue next() {
            parser.next(); // DocumentStart
            YamlValue root = node(true);
            parser.next(); // DocumentEnd
            anchors.clear();
            openAnchors.clear();
            InputException error = pending;
            if (error != null) {
                throw error;
            }
            return root;
        }

        /** Reads one node; {@code counted} is false inside mapping keys, which never counted. */
        private YamlValue node(boolean counted) {
            Event event = parser.next();
            if (counted && ++nodes > MAX_NODES) {
                hold(new InputException(
                        span(event), "YAML document has more than " + MAX_NODES + " nodes; refusing it"));
            }
            return switch (event) {
                case AliasEvent alias -> resolveAlias(alias);
                case ScalarEvent scalar -> {
                    YamlValue value = new YamlScalar(scalar.getValue(), scalarType(scalarTag(scalar)), span(event));
                    scalar.getAnchor().ifPresent(a -> {
                        openAnchors.remove(a.getValue());
                        anchors.put(a.getValue(), value);
                    });
                    yield value;
                }
                case SequenceStartEvent start -> {
                    Optional<String> anchor = open(start);
                    List<YamlValue> items = new ArrayList<>();
                    while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                        items.add(node(counted));
                    }
                    parser.next();
                    yield close(anchor, new YamlList(items, span(event)));
                }
                case MappingStartEvent start -> {
                    Optional<String> anchor = open(start);
                    yield close(anchor, mapping(span(event), counted));
                }
                default -> throw new InputException(span(event), "unsupported YAML event " + event.getEventId());
            };
        }

        private YamlValue resolveAlias(AliasEvent alias) {
            aliases++;
            String anchor = alias.getAlias().getValue();
            YamlValue value = anchors.get(anchor);
            if (value == null) {
                if (openAnchors.contains(anchor)) {
                    throw new InputException(
                            span(alias),
                            "alias '*" + anchor + "' refers to a list or mapping that contains it; recursive"
                                    + " YAML structures are not supported");
                }
                throw new ComposerException("found undefined alias " + alias.getAlias(), alias.getStartMark());
            }
            if (!(value instanceof YamlScalar) && ++collectionAliases > MAX_COLLECTION_ALIASES) {
                throw new YamlEngineException(
                        "Number of aliases for non-scalar nodes exceeds the specified max=" + MAX_COLLECTION_ALIASES);
            }
            return value;
        }

        private Optional<String> open(NodeEvent start) {
            Optional<String> anchor = start.getAnchor().map(Anchor::getValue);
            anchor.ifPresent(a -> {
                anchors.remove(a);
                openAnchors.add(a);
            });
            return anchor;
        }

        private YamlValue close(Optional<String> anchor, YamlValue value) {
            // Unless the anchor was defined again inside: the latest definition wins.
            anchor.filter(openAnchors::remove).ifPresent(a -> anchors.put(a, value));
            return value;
        }

        private YamlMap mapping(SourceSpan span, boolean counted) {
            List<YamlMap.Entry> entries = new ArrayList<>();
            Map<String, SourceSpan> seen = new HashMap<>();
            while (!parser.checkEvent(Event.ID.MappingEnd)) {
                // The key is checked before its value is read, so errors keep document order.
                YamlValue keyValue = node(false);
                if (!(keyValue instanceof YamlScalar keyScalar)) {
                    hold(new InputException(keyValue.span(), "mapping keys must be plain strings"));
                    node(counted);
                    continue;
                }
                String key = keyScalar.text();
                SourceSpan keySpan = keyScalar.span();
                SourceSpan previous = seen.putIfAbsent(key, keySpan);
                if (previous != null) {
                    hold(new InputException(
                            keySpan,
                            "duplicate key '"
                                    + key
                                    + "' (first defined at line "
                                    + previous.line()
                                    + "); each key may appear once"));
                    node(counted);
                    continue;
                }
                entries.add(new YamlMap.Entry(key, keySpan, node(counted)));
            }
            parser.next();
            return new YamlMap(entries, span);
        }

        /** Keeps the first content error of the document; it is thrown when the document ends. */
        private void hold(InputException error) {
            if (pending == null) {
                pending = error;
            }
        }

        /** The tag a composer gives a scalar: resolved by the schema unless written explicitly. */
        private Tag scalarTag(ScalarEvent scalar) {
            Optional<String> written = scalar.getTag();
            if (written.isEmpty() || written.get().equals("!")) {
                return resolver.resolve(scalar.getValue(), scalar.getImplicit().canOmitTagInPlainScalar());
            }
            return new Tag(written.get());
        }

        private SourceSpan span(Event event) {
            return event.getStartMark()
                    .map(m -> new SourceSpan(name, firstLine + m.getLine() + 1, m.getColumn() + 1))
                    .orElse(SourceSpan.of(name));
        }
    }
}
