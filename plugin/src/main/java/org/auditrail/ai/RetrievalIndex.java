package org.auditrail.ai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.splitter.DocumentSplitters;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.auditrail.event.AiSnapshot;
import org.auditrail.event.EventJson;
import org.auditrail.store.ContentBlob;

/**
 * A named retrieval index over documents, whose snapshot id pins exactly which documents it held: the SHA-256 of
 * its manifest, the canonical JSON array of the sorted SHA-256s of the document texts. The manifest itself goes to
 * the content store, so the id resolves to the list of documents. Adding a document changes the snapshot id.
 */
public final class RetrievalIndex {

  /** The segment metadata key naming the document a segment was cut from. */
  public static final String DOCUMENT = "document";
  /** The segment metadata key holding the SHA-256 of that document's text. */
  public static final String DOCUMENT_SHA256 = "document_sha256";

  private final String name;
  private final EmbeddingModel embeddingModel;
  private final InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
  private final DocumentSplitter splitter;
  private final int maxResults;
  private final double minScore;
  private final SortedMap<String, String> documents = new TreeMap<>();
  private volatile ContentBlob manifest = manifestOf(documents);

  /**
   * @param maxSegmentChars the longest segment a document is cut into
   * @param maxResults how many segments a retrieval returns at most
   * @param minScore the lowest similarity a returned segment may have
   */
  public RetrievalIndex(String name, EmbeddingModel embeddingModel, int maxSegmentChars, int maxResults,
      double minScore) {
    this.name = name;
    this.embeddingModel = embeddingModel;
    this.splitter = DocumentSplitters.recursive(maxSegmentChars, 0);
    this.maxResults = maxResults;
    this.minScore = minScore;
  }

  public String name() {
    return name;
  }

  /** Embeds and adds a document, named for the trail (a file name or a regulation's reference). */
  public synchronized void add(String documentName, String text) {
    String sha256 = ContentBlob.sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    if (documents.containsKey(sha256)) {
      return;
    }
    Document document = Document.from(text);
    document.metadata().put(DOCUMENT, documentName).put(DOCUMENT_SHA256, sha256);
    List<TextSegment> segments = splitter.split(document);
    List<Embedding> embeddings = embeddingModel.embedAll(segments).content();
    store.addAll(embeddings, segments);
    documents.put(sha256, documentName);
    manifest = manifestOf(documents);
  }

  public String snapshotId() {
    return manifest.sha256();
  }

  public int documentCount() {
    return documents.size();
  }

  ContentBlob manifest() {
    return manifest;
  }

  AiSnapshot.RetrievalIndex snapshot() {
    ContentBlob current = manifest;
    return new AiSnapshot.RetrievalIndex(name, current.sha256(), documents.size());
  }

  /** A retriever over this index that reports each retrieval to the given listener. */
  ContentRetriever retriever(RetrievalRecorder recorder) {
    return EmbeddingStoreContentRetriever.builder()
        .embeddingStore(store)
        .embeddingModel(embeddingModel)
        .maxResults(maxResults)
        .minScore(minScore)
        .displayName(name)
        .build()
        .addListener(recorder.listenerFor(this));
  }

  private static ContentBlob manifestOf(SortedMap<String, String> documents) {
    ArrayNode hashes = EventJson.mapper().createArrayNode();
    documents.keySet().forEach(hashes::add);
    return ContentBlob.utf8(EventJson.canonical(hashes), "application/json");
  }
}
