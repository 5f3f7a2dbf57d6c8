import type { WebClient } from '@slack/web-api';
import type { ModalView } from '../../app/modal-view.ts';
import type { ModalPresenter } from '../../app/ports.ts';
import { renderModal } from './render-confirmation.ts';

/** Modals through the Web API: `views.open` with a trigger id, `views.update` by view id. */
export class SlackModalPresenter implements ModalPresenter {
  constructor(
    private readonly web: WebClient,
    private readonly botToken: () => Promise<string>,
  ) {}

  async open(triggerId: string, view: ModalView): Promise<{ viewId: string }> {
    const token = await this.botToken();
    const result = await this.web.views.open({
      token,
      trigger_id: triggerId,
      view: renderModal(view),
    });
    if (!result.view?.id) throw new Error('views.open returned no view id');
    return { viewId: result.view.id };
  }

  async update(viewId: string, view: ModalView): Promise<void> {
    const token = await this.botToken();
    await this.web.views.update({ token, view_id: viewId, view: renderModal(view) });
  }
}
