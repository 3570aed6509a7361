// Minimal typings for CommonJS dependencies that ship none.

declare module 'snowball-stemmers' {
  const snowball: {
    newStemmer(language: string): { stem(word: string): string }
    algorithms(): string[]
  }
  export default snowball
}

declare module 'stopwords-iso' {
  const lists: Record<string, string[]>
  export default lists
}

// The package's main entry only exposes the analyser; its lexicon is a plain ES module in src/.
declare module 'vader-sentiment/src/vader_lexicon.js' {
  export const lexicon: Record<string, number>
}
