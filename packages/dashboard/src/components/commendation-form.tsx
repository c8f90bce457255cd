import { useEffect, useRef, useState, type FormEvent } from 'react';
import { mutate } from '../api/client';
import { errorsByField, parseNumber, unplacedErrors } from '../api/errors';
import { graphql, type VariablesOf } from '../graphql';
import { useI18n } from '../i18n/i18n';
import { FormMessage, SelectField, TextField } from './form';

const RecordCommendation = graphql(`
  mutation RecordCommendation($input: CommendationInput!) {
    recordCommendation(input: $input) {
      id
    }
  }
`);

const CorrectCommendation = graphql(`
  mutation CorrectCommendation($id: ID!, $input: CommendationCorrectionInput!, $note: String) {
    correctCommendation(id: $id, input: $input, note: $note) {
      id
      revision
    }
  }
`);

export interface CatalogueForm {
  form: string;
  name: string;
  recipientKinds: readonly string[];
}

/** A recorded commendation, as far as the form edits it. */
export interface EditableCommendation {
  id: string;
  form: string;
  year: number;
  recipientKind: string;
  recipientName: string;
  decision: string | null;
  decisionDate: string | null;
  citation: string | null;
  source: string | null;
}

type Fields = {
  form: string;
  year: string;
  recipientKind: string;
  recipientName: string;
  decision: string;
  decisionDate: string;
  citation: string;
  source: string;
};

const fieldNames: (keyof Fields)[] = [
  'form',
  'year',
  'recipientKind',
  'recipientName',
  'decision',
  'decisionDate',
  'citation',
  'source',
];

function fieldsOf(commendation: EditableCommendation | null, forms: readonly CatalogueForm[], year: number): Fields {
  const form = commendation?.form ?? forms[0]?.form ?? '';
  return {
    form,
    year: String(commendation?.year ?? year),
    recipientKind: commendation?.recipientKind ?? forms.find((f) => f.form === form)?.recipientKinds[0] ?? '',
    recipientName: commendation?.recipientName ?? '',
    decision: commendation?.decision ?? '',
    decisionDate: commendation?.decisionDate ?? '',
    citation: commendation?.citation ?? '',
    source: commendation?.source ?? '',
  };
}

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

interface CommendationFormProps {
  provinceId: string;
  /** The forms this account may record (a province officer: those the province and department confer). */
  forms: readonly CatalogueForm[];
  /** Null: record a new one; else correct this one (a reason is asked for). */
  editing: EditableCommendation | null;
  defaultYear: number;
  onDone(message: string): void;
  onCancel(): void;
}

/** Records a commendation, or corrects one with a reason; the server's messages show beside their fields. */
export function CommendationForm({ provinceId, forms, editing, defaultYear, onDone, onCancel }: CommendationFormProps) {
  const { t } = useI18n();
  const [fields, setFields] = useState<Fields>(() => fieldsOf(editing, forms, defaultYear));
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [unplaced, setUnplaced] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (editing) heading.current?.focus();
  }, [editing]);

  const set = (name: keyof Fields) => (value: string) => {
    setFields((previous) => {
      const next = { ...previous, [name]: value };
      // A form goes to some kinds of recipient only: keep the choice valid.
      const kinds = forms.find((f) => f.form === next.form)?.recipientKinds ?? [];
      if (name === 'form' && !kinds.includes(next.recipientKind)) next.recipientKind = kinds[0] ?? '';
      return next;
    });
  };
  const kinds = forms.find((f) => f.form === fields.form)?.recipientKinds ?? [];
  const error = (name: string) => errors.get(`input.${name}`) ?? null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const year = parseNumber(fields.year);
    if (year === null || !Number.isInteger(year)) {
      setErrors(new Map([['input.year', t.notANumber]]));
      setUnplaced([t.fixErrors]);
      return;
    }
    if (editing && !note.trim()) {
      setErrors(new Map([['note', t.reasonNeeded]]));
      setUnplaced([t.fixErrors]);
      return;
    }
    const values = {
      form: fields.form,
      year,
      recipientKind: fields.recipientKind,
      recipientName: fields.recipientName,
      decision: orNull(fields.decision),
      decisionDate: orNull(fields.decisionDate),
      citation: orNull(fields.citation),
      source: orNull(fields.source),
    };
    setBusy(true);
    try {
      let result;
      if (editing) {
        const before = fieldsOf(editing, forms, defaultYear);
        // Only what changed: a correction leaves the rest (and any period) as recorded.
        const input = Object.fromEntries(
          fieldNames.filter((name) => fields[name] !== before[name]).map((name) => [name, values[name]]),
        );
        result = await mutate(CorrectCommendation, {
          id: editing.id,
          input: input as VariablesOf<typeof CorrectCommendation>['input'],
          note: note.trim(),
        });
      } else {
        const input = { provinceId, ...values } as VariablesOf<typeof RecordCommendation>['input'];
        result = await mutate(RecordCommendation, { input });
      }
      const byField = errorsByField(result.errors);
      setErrors(byField);
      const placed = (field: string) => field === 'note' || fieldNames.some((name) => field === `input.${name}`);
      const rest = unplacedErrors(result.errors, placed);
      setUnplaced(byField.size > rest.length ? [t.fixErrors, ...rest] : rest);
      if (result.errors.length === 0) {
        onDone(editing ? t.commendationCorrected : t.commendationRecorded);
        if (!editing) setFields(fieldsOf(null, forms, year));
      }
    } catch (failure) {
      setUnplaced([(failure as Error).message]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate className="panel commendation-form">
      <h2 tabIndex={-1} ref={heading}>
        {editing ? t.correctCommendation : t.recordCommendation}
      </h2>
      <FormMessage errors={unplaced} />
      <div className="form-grid">
        <SelectField label={t.form} value={fields.form} onValue={set('form')} error={error('form')} required>
          {forms.map((f) => (
            <option key={f.form} value={f.form}>
              {t.forms[f.form] ?? f.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t.awardYear}
          inputMode="numeric"
          value={fields.year}
          onValue={set('year')}
          error={error('year')}
          required
        />
        <SelectField
          label={t.recipientKind}
          value={fields.recipientKind}
          onValue={set('recipientKind')}
          error={error('recipientKind')}
          required
        >
          {kinds.map((kind) => (
            <option key={kind} value={kind}>
              {t.recipientKinds[kind] ?? kind}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t.recipientName}
          value={fields.recipientName}
          onValue={set('recipientName')}
          error={error('recipientName')}
          required
        />
        <TextField
          label={t.decisionNumber}
          value={fields.decision}
          onValue={set('decision')}
          error={error('decision')}
        />
        <TextField
          label={t.decisionDate}
          type="date"
          value={fields.decisionDate}
          onValue={set('decisionDate')}
          error={error('decisionDate')}
        />
        <TextField label={t.citation} value={fields.citation} onValue={set('citation')} error={error('citation')} />
        <TextField label={t.source} value={fields.source} onValue={set('source')} error={error('source')} />
        {editing ? (
          <TextField
            label={t.correctionReason}
            value={note}
            onValue={setNote}
            error={errors.get('note') ?? null}
            required
          />
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t.saving : editing ? t.correctCommendation : t.recordCommendation}
        </button>
        {editing ? (
          <button type="button" className="button" onClick={onCancel}>
            {t.cancel}
          </button>
        ) : null}
      </div>
    </form>
  );
}
