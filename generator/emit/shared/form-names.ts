/**
 * The package's names for the delivery forms, from the catalog's product and each form's typeName
 * (ECS, EventBridge → EcsEventBridgeEvent, ECS_EVENT_FORMS …), beside names.ts.
 */
import type { Catalog, EventModel } from '../../model/catalog.js';
import type { DeliveryFormModel } from '../../model/deliveries.js';
import { pascalOf } from '../../model/resolve.js';
import { eventNames, upperSnake } from './names.js';

/** The names every form shares: the list of form ids, their union type, the parse result's form. */
export function formsNames(catalog: Catalog) {
  const p = pascalOf(catalog.product.toLowerCase());
  return { forms: `${upperSnake(p)}_EVENT_FORMS`, form: `${p}EventForm` };
}

/** One form's names: the union of its events, its type map and the conversion to the classic event. */
export function formNames(catalog: Catalog, form: DeliveryFormModel) {
  const p = pascalOf(catalog.product.toLowerCase());
  const t = `${p}${form.typeName}`;
  const camel = `${t.charAt(0).toLowerCase()}${t.slice(1)}`;
  return { union: `${t}Event`, type: `${t}Type`, map: `${t}EventMap`, toClassic: `${camel}ToClassic` };
}

/** One notification's event in one form. */
export function formEventName(event: EventModel, form: DeliveryFormModel): string {
  return `${eventNames(event).event.replace(/Event$/, '')}${form.typeName}Event`;
}
