import { deskTimeZone } from '../../../../shared/domain/deskTime'
import type { DeskSettings } from '../../../../shared/domain/DeskSettings'
import { CountedField } from './fields/CountedField'
import { DatelineField } from './fields/DatelineField'
import { EntitiesField } from './fields/EntitiesField'
import { LanguageField } from './fields/LanguageField'
import { RightsField } from './fields/RightsField'
import { KeyPointsField } from './fields/KeyPointsField'
import { SourcesField } from './fields/SourcesField'
import { TokenField } from './fields/TokenField'
import type { Fields } from './useArticleFields'

type Props<F extends keyof Fields = keyof Fields> = {
  fields: Fields
  settings: DeskSettings
  tagSuggestions: string[]
  onChange: (field: F, value: Fields[F]) => void
}

/** Headline, deck, summary and the Key Points box: everything above the body. */
export function ArticleTop({ fields, settings, onChange }: Props) {
  return (
    <>
      <CountedField
        id="field-headline"
        label="Headline"
        large
        value={fields.headline}
        limit={settings.headlineLimit}
        placeholder="Headline"
        onChange={(v) => onChange('headline', v)}
      />
      <CountedField
        id="field-deck"
        label="Deck"
        value={fields.deck}
        placeholder="One line under the headline"
        onChange={(v) => onChange('deck', v)}
      />
      <CountedField
        id="field-summary"
        label="Summary"
        multiline
        value={fields.summary}
        limit={settings.summaryLimit}
        placeholder="What the story says, in two or three sentences"
        onChange={(v) => onChange('summary', v)}
      />
      <KeyPointsField
        value={fields.keyPoints}
        min={settings.keyPointsMin}
        max={settings.keyPointsMax}
        onChange={(v) => onChange('keyPoints', v)}
      />
      <div className="meta-row">
        <DatelineField value={fields.dateline} onChange={(v) => onChange('dateline', v)} />
        <LanguageField
          value={fields.language}
          deskDefault={settings.language}
          onChange={(v) => onChange('language', v)}
        />
      </div>
    </>
  )
}

/** Byline, credit, sources and tags: the attribution and filing details below the body. */
export function ArticleBottom({ fields, settings, tagSuggestions, onChange }: Props) {
  return (
    <div className="article-bottom">
      <div className="meta-row two">
        <TokenField
          id="field-byline"
          label="Byline"
          itemLabel="author"
          values={fields.byline}
          placeholder="Add an author, press Enter"
          onChange={(v) => onChange('byline', v)}
        />
        <div className="field">
          <label className="field-label" htmlFor="field-credit">
            Agency credit
          </label>
          <input
            id="field-credit"
            className="text-input"
            value={fields.credit}
            placeholder="IANS"
            maxLength={200}
            onChange={(e) => onChange('credit', e.target.value)}
          />
        </div>
      </div>
      <SourcesField value={fields.sources} onChange={(v) => onChange('sources', v)} />
      <TokenField
        id="field-tags"
        label="Tags"
        itemLabel="tag"
        values={fields.tags}
        placeholder="Add a tag, press Enter"
        suggestions={tagSuggestions}
        onChange={(v) => onChange('tags', v)}
      />
      <EntitiesField value={fields.entities} onChange={(v) => onChange('entities', v)} />
      <RightsField
        holder={fields.copyrightHolder}
        notice={fields.copyrightNotice}
        embargoedUntil={fields.embargoedUntil}
        deskHolder={settings.copyrightHolder}
        timeZone={deskTimeZone(settings.timeZone)}
        onChange={onChange}
      />
    </div>
  )
}
