// A video's play passwords, one per audience (label), and its vendor aliases (the ids other
// vendors' APIs name it by: a Polyv vid, a DingTalk mediaId, a Tencent stream).
import { ALIAS_VENDORS, DEFAULT_PASSWORD_LABEL } from '../../../../src/core/model.ts'
import type { LabelledPasswords, VideoAliasList } from '../../../../src/http/native/schemas.ts'
import { api, seg, withQuery } from '../../shared/api.ts'
import { formatDate } from '../ui/format.ts'
import { ItemsSection } from '../ui/section.tsx'
import { Masked } from '../ui/widgets.tsx'

export function PlayPasswords({ videoId, onChange }: { videoId: string; onChange: () => void }) {
  const path = `/videos/${seg(videoId)}/passwords`
  return (
    <ItemsSection
      id="passwords"
      title="Play passwords"
      intro={
        <p class="help">
          Viewers unlock the video on the player page with any of these; one per audience, each
          removable on its own. <code>{DEFAULT_PASSWORD_LABEL}</code> is the one Polyv’s API shows.
        </p>
      }
      load={async () => (await api.get<LabelledPasswords>(path)).items}
      deps={[path]}
      rowKey={(p) => p.label}
      empty="No password: anyone with a valid play credential can watch."
      columns={[
        ['Audience', (p) => <code>{p.label}</code>],
        [
          'Password',
          (p) => (
            <Masked label={`play password ${p.label}`} reveal={() => Promise.resolve(p.password)} />
          ),
        ],
        ['Changed', (p) => formatDate(p.updatedAt)],
      ]}
      add={{
        label: 'Set a password',
        submitLabel: 'Save password',
        initial: { label: DEFAULT_PASSWORD_LABEL },
        fields: [
          {
            name: 'label',
            label: 'Audience label',
            required: true,
            help: 'An existing label’s password is replaced (what it unlocked stops playing).',
          },
          { name: 'password', label: 'New play password', kind: 'password', required: true },
        ],
        submit: async (values) => {
          const label = String(values.label ?? '').trim()
          await api.put(`${path}/${seg(label || DEFAULT_PASSWORD_LABEL)}`, {
            password: values.password ?? '',
          })
          onChange()
          return 'Play password saved.'
        },
      }}
      remove={{
        label: 'Remove',
        title: 'Remove this play password?',
        names: (p) => `password ${p.label}`,
        warning: <p>Viewers who unlocked the video with it stop playing at once.</p>,
        run: async (p) => {
          await api.delete(`${path}/${seg(p.label)}`)
          onChange()
          return `Removed the ${p.label} password.`
        },
      }}
    />
  )
}

export function VideoAliases({ videoId }: { videoId: string }) {
  const path = `/videos/${seg(videoId)}/aliases`
  return (
    <ItemsSection
      id="aliases"
      title="Vendor aliases"
      intro={
        <p class="help">
          The ids other vendors’ APIs name this video by: a Polyv vid (<code>&lt;32 hex&gt;_1</code>
          ), a DingTalk mediaId, a Tencent <code>AppName/StreamName</code>.
        </p>
      }
      load={async () => (await api.get<VideoAliasList>(path)).items}
      deps={[path]}
      rowKey={(a) => `${a.vendor}:${a.alias}`}
      empty="None."
      columns={[
        ['Vendor', (a) => a.vendor],
        ['Alias', (a) => <code class="break">{a.alias}</code>],
        ['Added', (a) => formatDate(a.createdAt)],
      ]}
      add={{
        label: 'Add an alias',
        initial: { vendor: 'polyv' },
        fields: [
          {
            name: 'vendor',
            label: 'Vendor',
            kind: 'select',
            options: ALIAS_VENDORS,
            required: true,
          },
          { name: 'alias', label: 'Alias', required: true },
        ],
        submit: async (values) => {
          const body = { vendor: values.vendor, alias: String(values.alias ?? '').trim() }
          await api.post(path, body)
          return `Added the ${body.vendor} alias ${body.alias}.`
        },
      }}
      remove={{
        label: 'Remove',
        title: 'Remove this alias?',
        names: (a) => `${a.vendor} alias ${a.alias}`,
        warning: <p>That vendor’s API no longer finds the video by it.</p>,
        run: async (a) => {
          await api.delete(withQuery(path, { vendor: a.vendor, alias: a.alias }))
          return `Removed the ${a.vendor} alias ${a.alias}.`
        },
      }}
    />
  )
}
