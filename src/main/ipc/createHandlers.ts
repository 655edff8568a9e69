import type { AppInfo } from '../../shared/ipc/contract'
import type { ArticleService } from '../services/ArticleService'
import type { Handlers } from './createDispatcher'

/** Wires each contract method to its service; thin on purpose, the services hold the logic. */
export function createHandlers(services: {
  articles: ArticleService
  info: () => AppInfo
}): Handlers {
  const { articles } = services
  return {
    listArticles: (input) => articles.list(input),
    getArticle: (input) => articles.get(input),
    createArticle: (input) => articles.create(input),
    saveArticle: (input) => articles.save(input),
    trashArticle: (input) => articles.trash(input),
    restoreArticle: (input) => articles.restore(input),
    listTrash: () => articles.listTrash(),
    listProblems: () => articles.problems(),
    dismissProblem: async (input) => {
      await articles.dismissProblem(input.id)
      return {}
    },
    appInfo: async () => services.info(),
  }
}
