import { analyzeQuestion } from "/work/main/src/answer/analyze-question.ts";
import { topicWords } from "/work/main/src/answer/topic-words.ts";
import { askedValuePattern } from "/work/main/src/answer/asked-value.ts";
import { createJiebaSegmenter } from "/work/main/src/segment/jieba-segmenter.ts";
const seg = createJiebaSegmenter();
const a = analyzeQuestion(process.argv[2]!, seg);
console.log(a.text, a.content, topicWords(a), a.classifier, JSON.stringify(a.aspects), askedValuePattern(a));
