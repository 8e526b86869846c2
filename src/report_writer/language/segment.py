"""jieba set up for this domain: our 政协 user dictionary, a cache in the per-user folder, loaded once
(thread-safe) so the GUI can load it on a background thread after the window is shown."""

from __future__ import annotations

import logging
import threading
from typing import Any

from report_writer import paths
from report_writer.language.config import resource_lines

POLICY_WORD_FREQ = 1000  # newer policy terms jieba's 2013 dictionary lacks
_lock = threading.Lock()
_tokenizer: Any = None


def tokenizer() -> Any:
    """The jieba Tokenizer with our dictionary (about 0.5–1 s the first time, then instant)."""
    global _tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            instance = jieba.Tokenizer()
            cache_dir = paths.user_data_dir() / "cache"
            cache_dir.mkdir(parents=True, exist_ok=True)
            instance.tmp_dir = str(cache_dir)
            instance.initialize()
            for line in (*resource_lines("userdict.txt"), *resource_lines("gongwen_vocab.txt")):
                word, *rest = line.split()
                instance.add_word(word, int(rest[0]) if rest else None, rest[1] if len(rest) > 1 else None)
            from report_writer.language.checks_slips import slip_table

            right_forms = {slip.right for slip in slip_table().values() if not slip.right[-1:].isdigit()}
            for word in resource_lines("policy_vocab.txt"):
                if not instance.FREQ.get(word):  # jieba's own count wins where it has one
                    instance.add_word(word, POLICY_WORD_FREQ)
            for word in sorted(right_forms):  # the correct forms of the slip table are common words
                if (instance.FREQ.get(word) or 0) < POLICY_WORD_FREQ:
                    instance.add_word(word, POLICY_WORD_FREQ)
            _tokenizer = instance
    return _tokenizer


def is_loaded() -> bool:
    return _tokenizer is not None


def tokens(text: str) -> list[tuple[str, int, int]]:
    return list(tokenizer().tokenize(text, HMM=False))


def word_frequency(word: str) -> int:
    return int(tokenizer().FREQ.get(word, 0) or 0)


_extractor: Any = None


def keywords_ready() -> bool:
    return _extractor is not None


def keywords(text: str, top: int = 5) -> list[str]:
    """Key terms of a section (TF-IDF over our segmentation), for the outline's tooltip."""
    global _extractor
    if _extractor is None:
        import jieba.analyse

        extractor = jieba.analyse.TFIDF()
        extractor.tokenizer = tokenizer()
        extractor.postokenizer.tokenizer = tokenizer()
        _extractor = extractor
    return [str(word) for word in _extractor.extract_tags(text, topK=top) if not str(word).isdigit()]
