import { MESSAGE_TYPES } from "../../../../shared/domain/case-model";
import type { MetaOptions } from "../../../../shared/db/case-queries";
import { FieldError, Layout } from "../../../../shared/ui/layout";
import { TYPE_LABELS } from "../../../../shared/ui/labels";

export type FormValues = Partial<Record<string, string>>;

export interface SubmitPageProps {
  meta: MetaOptions;
  formToken: string;
  values: FormValues;
  errors: Record<string, string>;
  generalErrors: string[];
}

function Options(props: { items: { code: string; name: string }[]; selected?: string; empty?: string }) {
  return (
    <>
      {props.empty !== undefined && <option value="">{props.empty}</option>}
      {props.items.map((i) => (
        <option value={i.code} selected={i.code === props.selected}>
          {i.name}
        </option>
      ))}
    </>
  );
}

/** The zh-CN message form. Posts plainly to /submit; a partner site can copy the same fields. */
export function SubmitPage({ meta, formToken, values: v, errors, generalErrors }: SubmitPageProps) {
  const types = MESSAGE_TYPES.map((code) => ({ code, name: TYPE_LABELS[code].zh }));
  return (
    <Layout title="我要留言">
      <h1>我要留言</h1>
      {(generalErrors.length > 0 || Object.keys(errors).length > 0) && (
        <div class="errors" role="alert">
          <p>留言未能提交，请修改下列内容后重试。</p>
          {generalErrors.map((e) => <p>{e}</p>)}
        </div>
      )}
      <form method="post" action="/submit" class="card" accept-charset="utf-8">
        <input type="hidden" name="formToken" value={formToken} />
        <label for="type">留言类型</label>
        <select id="type" name="type" required>
          <Options items={types} selected={v.type} empty="请选择" />
        </select>
        <FieldError errors={errors} name="type" />

        <label for="title">标题 <span class="hint">5–100 字</span></label>
        <input type="text" id="title" name="title" value={v.title ?? ""} minlength={5} maxlength={100} required />
        <FieldError errors={errors} name="title" />

        <label for="body">内容 <span class="hint">10–4000 字。请勿在内容中填写身份证号、手机号等个人信息。</span></label>
        <textarea id="body" name="body" minlength={10} maxlength={4000} required>{v.body ?? ""}</textarea>
        <FieldError errors={errors} name="body" />

        <label for="regionCode">所在区县</label>
        <select id="regionCode" name="regionCode" required>
          <Options items={meta.regions} selected={v.regionCode} empty="请选择" />
        </select>
        <FieldError errors={errors} name="regionCode" />

        <label for="address">详细地址 <span class="hint">选填</span></label>
        <input type="text" id="address" name="address" value={v.address ?? ""} maxlength={200} />
        <FieldError errors={errors} name="address" />

        <label for="category">问题分类 <span class="hint">选填，不确定可不选</span></label>
        <select id="category" name="category">
          <Options items={meta.categories} selected={v.category} empty="不确定" />
        </select>
        <FieldError errors={errors} name="category" />

        <label for="addressee">写给 <span class="hint">选填：领导信箱</span></label>
        <select id="addressee" name="addressee">
          <Options items={meta.addressees} selected={v.addressee} empty="不指定" />
        </select>
        <FieldError errors={errors} name="addressee" />

        <label for="name">姓名 <span class="hint">选填，不会公开</span></label>
        <input type="text" id="name" name="name" value={v.name ?? ""} maxlength={40} />
        <FieldError errors={errors} name="name" />

        <label for="phone">手机号 <span class="hint">必填，仅用于办理回访，不会公开</span></label>
        <input type="tel" id="phone" name="phone" value={v.phone ?? ""} inputmode="numeric" pattern="1[3-9][0-9]{9}" required />
        <FieldError errors={errors} name="phone" />

        <label for="email">电子邮箱 <span class="hint">选填</span></label>
        <input type="email" id="email" name="email" value={v.email ?? ""} maxlength={120} />
        <FieldError errors={errors} name="email" />

        <label>
          <input type="checkbox" name="isPublic" value="true" checked={v.isPublic === "true"} /> 同意公开我的留言内容（个人信息不会公开）
        </label>
        <button type="submit">提交留言</button>
      </form>
    </Layout>
  );
}
